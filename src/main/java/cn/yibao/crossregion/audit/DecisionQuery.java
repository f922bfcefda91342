package cn.yibao.crossregion.audit;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The filters of GET /api/v1/decisions, as one JPQL query over the audit trail, newest first. */
public record DecisionQuery(String type, String outcome, String reasonCode, String rule, String claimId,
                            Instant from, Instant to, int page, int size) {

    public record Result(List<DecisionRecord> items, long total) {
    }

    public Result run() {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (type != null) {
            where.add("d.decisionType = :type");
            parameters.and("type", type);
        }
        if (outcome != null) {
            where.add("d.outcome = :outcome");
            parameters.and("outcome", outcome);
        }
        if (reasonCode != null) {
            where.add(":reasonCode member of d.reasonCodes");
            parameters.and("reasonCode", reasonCode);
        }
        if (rule != null) {
            where.add("exists (select 1 from DecisionRecord x join x.firedRules r where x = d and r.ruleKey = :rule)");
            parameters.and("rule", rule);
        }
        if (claimId != null) {
            where.add("d.claimId = :claimId");
            parameters.and("claimId", claimId);
        }
        if (from != null) {
            where.add("d.evaluatedAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.add("d.evaluatedAt < :to");
            parameters.and("to", to);
        }
        String query = "from DecisionRecord d" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        var found = DecisionRecord.find(query, Sort.descending("evaluatedAt").and("id", Sort.Direction.Descending), parameters);
        return new Result(found.page(Page.of(page, size)).list(), found.count());
    }
}
