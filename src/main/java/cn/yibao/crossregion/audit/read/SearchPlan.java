package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.StatDimension;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which index a search walks, as one or more streams of SQL, each read newest first. A claim id
 * or a person is a handful of decisions: their index. Otherwise the cheapest of the time index,
 * a region's index, or one stream per trace (reasons, rules, a ruleset version), by the decisions
 * each would read for a page and for the capped total, estimated from decision_stat's counts.
 */
record SearchPlan(String index, String leading, List<SearchSql> streams, SearchPlan asOneStream) {

    /**
     * The same records as one stream, for a read of all of them (export): this plan, or for several streams (one per trace)
     * the walk of the time index with the traces as a filter (their index holds each trace in order, not their union).
     */
    SearchPlan oneStream() {
        return asOneStream == null || streams.size() == 1 ? this : asOneStream;
    }

    /** Beyond this many traces, one stream each costs more than the walk of another index. */
    static final int MAX_TRACE_STREAMS = 200;
    /** A stream's first read costs about as much as reading this many index entries. */
    private static final long SEEK = 50;
    private static final long PAGE = 21;
    private static final long CAP = 10_001;

    /** The traces a query's trace filters allow: their ids (null when too many to list), and as a subquery. */
    record TraceSet(List<String> ids, long allTraces, String subquery, Object[] parameters) {
    }

    interface Traces {
        TraceSet get() throws SQLException;
    }

    static SearchPlan of(DecisionQuery query, DecisionStatsReader stats, Traces traces) throws SQLException {
        SearchSql base = new SearchSql()
                .equal("decision_type", query.type()).equal("outcome", query.outcome()).equal("ruleset_version", query.rulesetVersion())
                .equal("claim_id", query.claimId()).equal("person_id_hash", query.personIdHash())
                .equal("insured_region", query.insuredRegion()).equal("treatment_region", query.treatmentRegion())
                .from(query.from()).to(query.to());
        TraceSet traceSet = null;
        if (query.reasonCode() != null || query.rule() != null) {
            traceSet = traces.get();
            if (traceSet.ids() != null && traceSet.ids().isEmpty()) {
                return null;
            }
        }
        if (query.claimId() != null) {
            // Ordered by the claim id too: then no index but the claim id's serves the order, and a planner without
            // statistics (PostgreSQL before its first ANALYZE) cannot choose to walk the time index backwards instead.
            return single("decision_record_claim_id", "claim_id", base, traceSet);
        }
        if (query.personIdHash() != null) {
            return single("decision_record_person", "person_id_hash", base, traceSet);
        }
        long all = stats.count(null, null, query.from(), query.to(), query.type());
        List<Long> estimates = new ArrayList<>(List.of(all));
        Long insured = query.insuredRegion() == null ? null : stats.count(StatDimension.INSURED_REGION, query.insuredRegion(), query.from(), query.to(), query.type());
        Long treatment = query.treatmentRegion() == null ? null
                : stats.count(StatDimension.TREATMENT_REGION, query.treatmentRegion(), query.from(), query.to(), query.type());
        Long traced = tracedEstimate(query, stats, all, traceSet);
        for (Long estimate : new Long[] {insured, treatment, traced}) {
            if (estimate != null) {
                estimates.add(estimate);
            }
        }
        long matches = Math.max(1, estimates.stream().mapToLong(Long::longValue).min().orElse(all));

        String index = "decision_record_time";
        String leading = null;
        double best = cost(all, matches);
        if (insured != null && cost(insured, matches) < best) {
            index = "decision_record_insured_region";
            leading = "insured_region";
            best = cost(insured, matches);
        }
        if (treatment != null && cost(treatment, matches) < best) {
            index = "decision_record_treatment_region";
            leading = "treatment_region";
            best = cost(treatment, matches);
        }
        if (traced != null && traced < best) {
            TraceSet set = traceSet != null ? traceSet : traces.get();
            if (set.ids() != null && set.ids().size() <= MAX_TRACE_STREAMS
                    && set.ids().size() * SEEK + streamCost(traced, matches, set.ids().size()) < best) {
                List<SearchSql> streams = new ArrayList<>();
                for (String trace : set.ids()) {
                    streams.add(base.copy().equal("trace_id", trace));
                }
                return new SearchPlan("decision_record_trace", "trace_id", streams, single("decision_record_time", null, base, set));
            }
        }
        return single(index, leading, base, traceSet);
    }

    /** How many decisions the trace filters (outcome, reason, rule, ruleset version) let through at most; null when none is given. */
    private static Long tracedEstimate(DecisionQuery query, DecisionStatsReader stats, long all, TraceSet traceSet) {
        Long estimate = null;
        if (query.outcome() != null) {
            estimate = min(estimate, stats.count(StatDimension.OUTCOME, query.outcome(), query.from(), query.to(), query.type()));
        }
        if (query.reasonCode() != null) {
            estimate = min(estimate, stats.count(StatDimension.REASON_CODE, query.reasonCode(), query.from(), query.to(), query.type()));
        }
        if (query.rulesetVersion() != null) {
            estimate = min(estimate, stats.count(StatDimension.RULESET_VERSION, query.rulesetVersion(), query.from(), query.to(), query.type()));
        }
        if (query.rule() != null && traceSet != null && traceSet.ids() != null) {
            // No count by rule: as many decisions as its share of the traces.
            estimate = min(estimate, all * traceSet.ids().size() / Math.max(1, traceSet.allTraces()));
        }
        return estimate;
    }

    private static Long min(Long a, long b) {
        return a == null ? b : Math.min(a, b);
    }

    /** Decisions read from an index of {@code rows} to fill a page and count the total, if {@code matches} of them match. */
    private static double cost(long rows, long matches) {
        return Math.min(rows, PAGE * (double) rows / matches) + Math.min(rows, CAP * (double) rows / matches);
    }

    /** As {@link #cost}, for {@code streams} streams that each fill a page of their own. */
    private static double streamCost(long rows, long matches, int streams) {
        return Math.min(rows, streams * PAGE * (double) rows / matches) + Math.min(rows, CAP * (double) rows / matches);
    }

    private static SearchPlan single(String index, String leading, SearchSql base, TraceSet traceSet) {
        SearchSql sql = base.copy();
        if (traceSet != null) {
            if (traceSet.ids() != null) {
                sql.in("trace_id", traceSet.ids());
            } else {
                sql.condition("trace_id in (" + traceSet.subquery() + ")", traceSet.parameters());
            }
        }
        return new SearchPlan(index, leading, List.of(sql), null);
    }
}
