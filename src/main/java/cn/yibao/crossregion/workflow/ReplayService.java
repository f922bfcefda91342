package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.api.JsonSettings;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.rules.CompiledRulesets;
import cn.yibao.crossregion.rules.Ruleset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Re-decides recorded requests with a candidate ruleset and compares the answers with what was
 * decided, a chunk at a time (ReplayJobs runs them). Nothing is recorded and the live ruleset is not
 * touched.
 */
@ApplicationScoped
public class ReplayService {

    /** Which date of a recorded decision the window applies to. */
    public enum By { evaluatedAt, policyDate }

    /**
     * The window: by evaluatedAt, {@code from} inclusive to {@code to} exclusive; by policyDate, the
     * decisions whose policy date is from {@code fromDate} to {@code toDate}, both inclusive (decisions
     * recorded before the timeline have none and are left out). Nulls leave a side open.
     */
    public record Query(String candidate, By by, Instant from, Instant to, LocalDate fromDate, LocalDate toDate,
                        DecisionType type, long limit) {
    }

    public record Side(String outcome, BigDecimal payable, List<String> reasons) {
    }

    public record Change(String decisionId, String type, String claimId, Side before, Side after) {
    }

    public record PayableDelta(BigDecimal total, BigDecimal min, BigDecimal max) {
    }


    private final CompiledRulesets rulesets;
    private final DecisionService decisions;
    private final ObjectMapper exact;

    public ReplayService(CompiledRulesets rulesets, DecisionService decisions, ObjectMapper json) {
        this.rulesets = rulesets;
        this.decisions = decisions;
        this.exact = JsonSettings.exact(json);
    }

    /** One recorded decision as a replay reads it: what was asked and answered, and its place in the window. */
    public record Recorded(String id, String type, String claimId, String requestJson, String responseJson, Instant evaluatedAt) {
    }

    /** How many decisions the window holds (up to the query's limit). */
    public long count(Query query) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Parameters parameters = new Parameters();
            var count = DecisionRecord.getEntityManager()
                    .createQuery("select count(r) from DecisionRecord r where " + where(query, parameters), Long.class);
            parameters.map().forEach(count::setParameter);
            return Math.min(query.limit(), count.getSingleResult());
        });
    }

    /**
     * The next decisions of the window after {@code after} (null: from its start), oldest first, read
     * in a short transaction of its own: a replay of any length holds no transaction open.
     */
    public List<Recorded> chunk(Query query, Recorded after, int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Parameters parameters = new Parameters();
            StringBuilder where = new StringBuilder(where(query, parameters));
            if (after != null) {
                where.append(" and (r.evaluatedAt > :afterAt or (r.evaluatedAt = :afterAt and r.id > :afterId))");
                parameters.and("afterAt", after.evaluatedAt()).and("afterId", after.id());
            }
            // Records written before V9 keep their JSON as text until the background backfill deflates them.
            var select = DecisionRecord.getEntityManager().createQuery("select r.id, r.decisionType, r.claimId,"
                    + " r.requestJson, r.responseJson, r.requestJsonText, r.responseJsonText, r.evaluatedAt from DecisionRecord r where "
                    + where + " order by r.evaluatedAt, r.id", Object[].class).setMaxResults(size);
            parameters.map().forEach(select::setParameter);
            return select.getResultList().stream().map(row -> new Recorded((String) row[0], (String) row[1], (String) row[2],
                    (String) (row[3] != null ? row[3] : row[5]), (String) (row[4] != null ? row[4] : row[6]), (Instant) row[7])).toList();
        });
    }

    /** What the candidate decides for a recorded request, if it differs from what was decided. */
    public Optional<Change> compare(Recorded recorded, Ruleset candidate) {
        Side before = side(read(recorded.responseJson()));
        Side after = side(redecide(recorded, candidate));
        return before.equals(after) ? Optional.empty()
                : Optional.of(new Change(recorded.id(), recorded.type(), recorded.claimId(), before, after));
    }

    public Ruleset candidate(String version) {
        return rulesets.get(version);
    }

    /** The conditions of the window, as HQL on DecisionRecord r; fills {@code parameters}. */
    private static String where(Query query, Parameters parameters) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (query.type() != null) {
            where.append(" and r.decisionType = :type");
            parameters.and("type", query.type().name());
        }
        if (query.by() == By.policyDate) {
            where.append(" and r.policyDate is not null");
            if (query.fromDate() != null) {
                where.append(" and r.policyDate >= :fromDate");
                parameters.and("fromDate", query.fromDate());
            }
            if (query.toDate() != null) {
                where.append(" and r.policyDate <= :toDate");
                parameters.and("toDate", query.toDate());
            }
        }
        if (query.from() != null) {
            where.append(" and r.evaluatedAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and r.evaluatedAt < :to");
            parameters.and("to", query.to());
        }
        return where.toString();
    }

    private JsonNode redecide(Recorded recorded, Ruleset candidate) {
        try {
            return decisions.answer(DecisionType.valueOf(recorded.type()), read(recorded.requestJson()), candidate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded request of " + recorded.id() + " is not readable", e);
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

    /** How much more (or less) the candidate pays. */
    static BigDecimal delta(Change change) {
        return orZero(change.after().payable()).subtract(orZero(change.before().payable()));
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
