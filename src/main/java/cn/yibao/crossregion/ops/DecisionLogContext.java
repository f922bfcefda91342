package cn.yibao.crossregion.ops;

import org.jboss.logging.MDC;

/**
 * The decision id in the logging MDC ({@code decisionId}) for the lines logged in a
 * try-with-resources block, so that a JSON log line carries {@code mdc.decisionId}:
 * <pre>{@code try (var ignored = DecisionLogContext.of(id)) { LOG.info(...); }}</pre>
 * Decisions are made on the Vert.x event loop and answered on the caller's context, where Quarkus
 * keeps the MDC in the request's duplicated context, elsewhere per thread: the id is set around the
 * log calls and taken away (or the previous one put back) when the block ends, so that it never
 * stays behind on a shared thread or context for the next decision's lines.
 */
public final class DecisionLogContext implements AutoCloseable {

    public static final String KEY = "decisionId";

    private final Object previous;

    private DecisionLogContext(Object previous) {
        this.previous = previous;
    }

    /** Puts the id in the MDC until {@link #close()}; a null id leaves the MDC as it is. */
    public static DecisionLogContext of(String decisionId) {
        Object previous = MDC.get(KEY);
        if (decisionId != null) {
            MDC.put(KEY, decisionId);
        }
        return new DecisionLogContext(previous);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
