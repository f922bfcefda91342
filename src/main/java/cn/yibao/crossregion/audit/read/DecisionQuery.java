package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DecisionTrace;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of GET /api/v1/decisions and its export. {@link DecisionSearch} answers them by
 * keyset; {@link #page} by OFFSET, as one JPQL query, for the API's page= before cursors.
 */
public record DecisionQuery(String type, String outcome, String reasonCode, String rule, String claimId,
                            String personIdHash, String insuredRegion, String treatmentRegion, String rulesetVersion,
                            Instant from, Instant to) {

    public record Result(List<DecisionRecord> items, long total) {
    }

    private static final Sort NEWEST_FIRST = Sort.descending("evaluatedAt").and("id", Sort.Direction.Descending);

    /** A page by OFFSET, for page= of the API before cursors (DecisionSearch pages by cursor). */
    public Result page(int page, int size) {
        Where where = where();
        var found = DecisionRecord.<DecisionRecord>find(where.jpql(), NEWEST_FIRST, where.parameters());
        return new Result(found.page(Page.of(page, size)).list(), found.count());
    }

    private record Where(List<String> conditions, Parameters parameters) {

        void add(String condition) {
            conditions.add(condition);
        }

        String jpql() {
            return "from DecisionRecord d" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        }
    }

    private Where where() {
        Where where = new Where(new ArrayList<>(), new Parameters());
        equal(where, "d.decisionType", "type", type);
        equal(where, "d.outcome", "outcome", outcome);
        equal(where, "d.claimId", "claimId", claimId);
        equal(where, "d.personIdHash", "personIdHash", personIdHash);
        equal(where, "d.insuredRegion", "insuredRegion", insuredRegion);
        equal(where, "d.treatmentRegion", "treatmentRegion", treatmentRegion);
        equal(where, "d.rulesetVersion", "rulesetVersion", rulesetVersion);
        if (reasonCode != null) {
            where.add(":reasonCode member of d.trace.reasonCodes");
            where.parameters().and("reasonCode", reasonCode);
        }
        if (rule != null) {
            where.add("exists (select 1 from DecisionTrace t join t.firedRules r where t = d.trace and r.ruleKey = :rule)");
            where.parameters().and("rule", rule);
        }
        if (from != null) {
            where.add("d.evaluatedAt >= :from");
            where.parameters().and("from", from);
        }
        if (to != null) {
            where.add("d.evaluatedAt < :to");
            where.parameters().and("to", to);
        }
        return where;
    }

    private static void equal(Where where, String path, String name, String value) {
        if (value != null) {
            where.add(path + " = :" + name);
            where.parameters().and(name, value);
        }
    }
}
