package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.DecisionTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces as the search and export read them, with their reasons and rules, kept once read: a
 * trace never changes (it is named by its content), and a year of decisions has a few hundred,
 * so a page or an export batch reads only the ones it has not met before. Forgotten past
 * {@link #MAX_TRACES} (legacy traces are one per decision).
 */
@ApplicationScoped
public class TraceCache {

    private static final int MAX_TRACES = 20_000;

    private final Map<String, DecisionTrace> traces = new ConcurrentHashMap<>();

    /** The traces of these ids, read in the caller's transaction when not known yet. */
    Map<String, DecisionTrace> of(EntityManager entityManager, Collection<String> ids) {
        Map<String, DecisionTrace> found = new HashMap<>();
        List<String> missing = ids.stream().distinct().filter(id -> {
            DecisionTrace known = traces.get(id);
            if (known != null) {
                found.put(id, known);
            }
            return known == null;
        }).toList();
        if (!missing.isEmpty()) {
            if (traces.size() > MAX_TRACES) {
                traces.clear();
            }
            for (DecisionTrace trace : entityManager.createQuery("select distinct t from DecisionTrace t left join fetch t.reasonCodes"
                    + " left join fetch t.firedRules where t.id in :ids", DecisionTrace.class).setParameter("ids", missing).getResultList()) {
                traces.put(trace.id, trace);
                found.put(trace.id, trace);
            }
        }
        return found;
    }
}
