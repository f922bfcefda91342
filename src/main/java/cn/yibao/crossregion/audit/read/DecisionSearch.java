package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DecisionTrace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The search of the audit trail (GET /api/v1/decisions, export): pages newest first by keyset on
 * (evaluated_at, id), never by OFFSET, and a total counted no further than {@code audit.search.total-cap}.
 * <p>
 * Every filter has an index that ends in (evaluated_at, id) (V9), so a page is read from one index
 * in order; {@link SearchPlan} picks which by the counts of decision_stat. Reasons, rules and
 * ruleset versions are found as a set of traces: few traces are read as one stream each, merged here;
 * many filter the walk of another index.
 */
@ApplicationScoped
public class DecisionSearch {

    /** A trace list longer than this is given to the database as a subquery, not as values. */
    static final int MAX_LISTED_TRACES = 1000;

    public record Found(List<DecisionRecord> records, DecisionCursor next) {
    }

    public record Total(long total, boolean lowerBound) {
    }

    private static final Comparator<DecisionCursor> NEWEST_FIRST =
            Comparator.comparing(DecisionCursor::evaluatedAt).thenComparing(DecisionCursor::id).reversed();

    private final AgroalDataSource database;
    private final DecisionStatsReader stats;
    private final TraceCache traceCache;
    private final boolean h2;
    private final long totalCap;

    public DecisionSearch(AgroalDataSource database, DecisionStatsReader stats, TraceCache traceCache,
                          @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
                          @ConfigProperty(name = "audit.search.total-cap", defaultValue = "10000") long totalCap) {
        this.database = database;
        this.stats = stats;
        this.traceCache = traceCache;
        this.h2 = dbKind.equals("h2");
        this.totalCap = totalCap;
    }

    /** Up to {@code size} records after the cursor (null: from the newest), and the cursor of the next page (null: this is the last). */
    public Found page(DecisionQuery query, DecisionCursor after, int size) {
        List<DecisionCursor> keys = withConnection(connection -> {
            SearchPlan plan = plan(connection, query);
            return plan == null ? List.<DecisionCursor>of() : keys(connection, plan, after, size + 1);
        });
        DecisionCursor next = keys.size() > size ? keys.get(size - 1) : null;
        List<DecisionCursor> onPage = keys.subList(0, Math.min(size, keys.size()));
        return new Found(load(onPage), next);
    }

    /** How many records match, exactly up to the cap; beyond it, the cap as a lower bound. */
    public Total total(DecisionQuery query) {
        long counted = withConnection(connection -> {
            SearchPlan plan = plan(connection, query);
            return plan == null ? 0L : count(connection, plan, totalCap + 1);
        });
        return counted > totalCap ? new Total(totalCap, true) : new Total(counted, false);
    }

    interface Batch {
        void accept(List<RecordRows.Row> rows) throws IOException;
    }

    /**
     * Every matching record, newest first, a batch at a time, for an export of any size: one projection query
     * ({@link RecordRows}) walked by keyset on (evaluated_at, id), a batch of rows per query, so that neither this
     * service nor the database (H2 buffers a whole result) ever holds more than a batch. No connection is held
     * while the caller writes a batch out.
     */
    public void forEachBatch(DecisionQuery query, int batchSize, Batch batch) throws IOException {
        SearchPlan plan = withConnection(connection -> {
            SearchPlan found = plan(connection, query);
            return found == null ? null : found.oneStream();
        });
        if (plan == null) {
            return;
        }
        RecordRows traces = new RecordRows();
        DecisionCursor after = null;
        while (true) {
            DecisionCursor from = after;
            List<RecordRows.Row> rows = withConnection(connection -> {
                List<RecordRows.Row> read = new ArrayList<>(batchSize);
                try (PreparedStatement statement = plan.streams().get(0).copy().after(from)
                        .select(connection, RecordRows.COLUMNS, hint(plan), plan.leading(), batchSize);
                     ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        read.add(RecordRows.row(result));
                    }
                }
                traces.withTraces(connection, read);
                return read;
            });
            if (!rows.isEmpty()) {
                batch.accept(rows);
            }
            if (rows.size() < batchSize) {
                return;
            }
            DecisionRecord last = rows.get(rows.size() - 1).record;
            after = new DecisionCursor(last.evaluatedAt, last.id);
        }
    }

    /** The plan of the query; null when no decision can match (a reason or rule no trace has). */
    private SearchPlan plan(Connection connection, DecisionQuery query) throws SQLException {
        return SearchPlan.of(query, stats, traceSource(connection, query));
    }

    private List<DecisionCursor> keys(Connection connection, SearchPlan plan, DecisionCursor after, int limit) throws SQLException {
        if (plan.streams().size() == 1) {
            return plan.streams().get(0).after(after).keys(connection, hint(plan), plan.leading(), limit);
        }
        List<DecisionCursor> merged = new ArrayList<>();
        for (SearchSql stream : plan.streams()) {
            merged.addAll(stream.after(after).keys(connection, hint(plan), plan.leading(), limit));
        }
        merged.sort(NEWEST_FIRST);
        return merged.subList(0, Math.min(limit, merged.size()));
    }

    private long count(Connection connection, SearchPlan plan, long cap) throws SQLException {
        long counted = 0;
        for (SearchSql stream : plan.streams()) {
            counted += stream.count(connection, hint(plan), cap - counted);
            if (counted >= cap) {
                break;
            }
        }
        return counted;
    }

    /** H2 walks the index the plan chose; PostgreSQL's planner, which knows its statistics, is left to choose. */
    private String hint(SearchPlan plan) {
        return h2 ? plan.index() : null;
    }

    /** The traces the query's trace filters allow, read when asked. */
    private SearchPlan.Traces traceSource(Connection connection, DecisionQuery query) {
        return () -> {
            SearchSql traces = new SearchSql()
                    .equal("t.decision_type", query.type()).equal("t.outcome", query.outcome()).equal("t.ruleset_version", query.rulesetVersion());
            if (query.reasonCode() != null) {
                traces.condition("t.trace_id in (select r.trace_id from decision_trace_reason r where r.code = ?)", query.reasonCode());
            }
            if (query.rule() != null) {
                traces.condition("t.trace_id in (select u.trace_id from decision_trace_rule u where u.rule_key = ?)", query.rule());
            }
            String sql = "select t.trace_id from decision_trace t" + traces.where() + " limit " + (MAX_LISTED_TRACES + 1);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                traces.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            long allTraces;
            try (PreparedStatement statement = connection.prepareStatement("select count(*) from decision_trace");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                allTraces = rows.getLong(1);
            }
            return new SearchPlan.TraceSet(ids.size() > MAX_LISTED_TRACES ? null : ids, allTraces,
                    "select t.trace_id from decision_trace t" + traces.where(), traces.parameterValues());
        };
    }

    /** The records of the keys, in their order, with their traces' reasons and rules (from the trace cache). */
    private List<DecisionRecord> load(List<DecisionCursor> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager entityManager = DecisionRecord.getEntityManager();
            List<Object[]> rows = entityManager.createQuery("select d, d.trace.id from DecisionRecord d where d.id in :ids", Object[].class)
                    .setParameter("ids", keys.stream().map(DecisionCursor::id).toList()).getResultList();
            Map<String, DecisionTrace> traces = traceCache.of(entityManager, rows.stream().map(row -> (String) row[1]).toList());
            Map<String, DecisionRecord> byId = new HashMap<>();
            for (Object[] row : rows) {
                DecisionRecord record = (DecisionRecord) row[0];
                record.trace = traces.get((String) row[1]);
                byId.put(record.id, record);
            }
            return keys.stream().map(key -> byId.get(key.id())).filter(record -> record != null).toList();
        });
    }

    private interface Work<T> {
        T with(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            return work.with(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the audit trail", e);
        }
    }
}
