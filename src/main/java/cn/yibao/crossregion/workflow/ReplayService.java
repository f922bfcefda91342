package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.rules.CompiledRulesets;
import cn.yibao.crossregion.decision.DecisionType;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.api.JsonSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Re-decides recorded requests with a candidate ruleset and compares the answers with what was
 * decided. Nothing is recorded and the live ruleset is not touched.
 */
@ApplicationScoped
public class ReplayService {

    private static final int BATCH = 500;

    /** Which date of a recorded decision the window applies to. */
    public enum By { evaluatedAt, policyDate }

    /**
     * The window: by evaluatedAt, {@code from} inclusive to {@code to} exclusive; by policyDate, the
     * decisions whose policy date is from {@code fromDate} to {@code toDate}, both inclusive (decisions
     * recorded before the timeline have none and are left out). Nulls leave a side open.
     */
    public record Query(String candidate, By by, Instant from, Instant to, LocalDate fromDate, LocalDate toDate,
                        DecisionType type, int limit, int page, int size) {
    }

    public record Side(String outcome, BigDecimal payable, List<String> reasons) {
    }

    public record Change(String decisionId, String type, String claimId, Side before, Side after) {
    }

    public record PayableDelta(BigDecimal total, BigDecimal min, BigDecimal max) {
    }

    public record Result(String candidate, int compared, int changed, Map<String, Integer> transitions,
                         PayableDelta payableDelta, List<Change> changes, int page, int size) {
    }

    private final CompiledRulesets rulesets;
    private final DecisionService decisions;
    private final ObjectMapper exact;

    public ReplayService(CompiledRulesets rulesets, DecisionService decisions, ObjectMapper json) {
        this.rulesets = rulesets;
        this.decisions = decisions;
        this.exact = JsonSettings.exact(json);
    }

    @Transactional
    public Result replay(Query query) {
        Ruleset candidate = rulesets.get(query.candidate());
        List<Change> changes = new ArrayList<>();
        Map<String, Integer> transitions = new TreeMap<>();
        int compared = 0;
        for (int batch = 0; compared < query.limit(); batch++) {
            List<DecisionRecord> records = recorded(query, batch);
            for (DecisionRecord record : records) {
                if (compared == query.limit()) {
                    break;
                }
                compared++;
                Side before = side(read(record.responseJson));
                Side after = side(redecide(record, candidate));
                if (!before.equals(after)) {
                    changes.add(new Change(record.id, record.decisionType, record.claimId, before, after));
                    if (!before.outcome().equals(after.outcome())) {
                        transitions.merge(before.outcome() + "→" + after.outcome(), 1, Integer::sum);
                    }
                }
            }
            if (records.size() < BATCH) {
                break;
            }
        }
        List<Change> pageOfChanges = changes.stream().skip((long) query.page() * query.size()).limit(query.size()).toList();
        return new Result(candidate.version(), compared, changes.size(), transitions, delta(changes), pageOfChanges,
                query.page(), query.size());
    }

    private static List<DecisionRecord> recorded(Query query, int batch) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (query.type() != null) {
            where.append(" and decisionType = :type");
            parameters.and("type", query.type().name());
        }
        if (query.by() == By.policyDate) {
            where.append(" and policyDate is not null");
            if (query.fromDate() != null) {
                where.append(" and policyDate >= :fromDate");
                parameters.and("fromDate", query.fromDate());
            }
            if (query.toDate() != null) {
                where.append(" and policyDate <= :toDate");
                parameters.and("toDate", query.toDate());
            }
        }
        if (query.from() != null) {
            where.append(" and evaluatedAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and evaluatedAt < :to");
            parameters.and("to", query.to());
        }
        return DecisionRecord.<DecisionRecord>find(where.toString(), Sort.ascending("evaluatedAt", "id"), parameters)
                .page(Page.of(batch, BATCH)).list();
    }

    private JsonNode redecide(DecisionRecord record, Ruleset candidate) {
        try {
            return decisions.answer(DecisionType.valueOf(record.decisionType), read(record.requestJson), candidate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded request of " + record.id + " is not readable", e);
        }
    }

    private JsonNode read(String stored) {
        try {
            return exact.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded response is not JSON", e);
        }
    }

    private static Side side(JsonNode answer) {
        JsonNode payable = answer.path("amounts").path("payable");
        TreeSet<String> reasons = new TreeSet<>();
        answer.path("reasons").forEach(reason -> reasons.add(reason.path("code").asText()));
        return new Side(answer.path("outcome").asText(),
                payable.isMissingNode() || payable.isNull() ? null : payable.decimalValue().setScale(2, RoundingMode.HALF_UP),
                List.copyOf(reasons));
    }

    private static PayableDelta delta(List<Change> changes) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal min = null;
        BigDecimal max = null;
        for (Change change : changes) {
            BigDecimal difference = orZero(change.after().payable()).subtract(orZero(change.before().payable()));
            total = total.add(difference);
            min = min == null ? difference : min.min(difference);
            max = max == null ? difference : max.max(difference);
        }
        return new PayableDelta(total, min == null ? BigDecimal.ZERO : min, max == null ? BigDecimal.ZERO : max);
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
