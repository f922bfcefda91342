package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.api.ClaimResponse;
import cn.yibao.crossregion.api.FilingRequest;
import cn.yibao.crossregion.api.FilingResponse;
import cn.yibao.crossregion.api.JsonSettings;
import cn.yibao.crossregion.api.ReasonView;
import cn.yibao.crossregion.audit.DecisionEntry;
import cn.yibao.crossregion.audit.IdempotencyKey;
import cn.yibao.crossregion.audit.PersonIdHasher;
import cn.yibao.crossregion.audit.record.DecisionRecorder;
import cn.yibao.crossregion.audit.record.KeyAlreadyUsedException;
import cn.yibao.crossregion.audit.record.PersonIds;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.ops.DecisionLogContext;
import cn.yibao.crossregion.ops.DecisionMetrics;
import cn.yibao.crossregion.policy.ReasonText;
import cn.yibao.crossregion.rules.PolicyTimeline;
import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs a decision by the policy in force on its policy date (POLICY.md §8) and records it. The answer is returned only after its
 * record is committed and on disk: an acknowledged decision is a recorded one. Called on the
 * event loop: nothing here may block.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final RulesetRegistry registry;
    private final ClaimDecider claimDecider;
    private final FilingDecider filingDecider;
    private final DecisionRecorder recorder;
    private final ObjectMapper json;
    private final ObjectMapper exact;
    private final PersonIdHasher personIds;
    private final DecisionMetrics metrics;
    private final Validator validator;
    private final DecisionClock clock;

    public DecisionService(RulesetRegistry registry, ClaimDecider claimDecider, FilingDecider filingDecider,
                           DecisionRecorder recorder, ObjectMapper json, PersonIdHasher personIds, DecisionMetrics metrics,
                           Validator validator, DecisionClock clock) {
        this.registry = registry;
        this.claimDecider = claimDecider;
        this.filingDecider = filingDecider;
        this.recorder = recorder;
        this.json = json;
        this.exact = JsonSettings.exact(json);
        this.personIds = personIds;
        this.metrics = metrics;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Decides a claim on the active ruleset and records it; completes, once the record is
     * committed and on disk, with the answer as JSON: the very text recorded, so that the record holds what
     * the caller got. Fails with {@link cn.yibao.crossregion.audit.record.NotRecordedException} if it
     * could not be recorded (and then nothing was decided, as far as the caller is concerned). The
     * caller's idempotency key (or null) is recorded with it; fails with {@link KeyAlreadyUsedException}
     * if another decision took the key first.
     */
    public CompletionStage<String> decideClaim(ClaimRequest request, IdempotencyKey key) {
        long started = System.nanoTime();
        PolicyDate policyDate = PolicyDate.of(request);
        PolicyTimeline.Entry entry = registry.entryOn(policyDate.date(), policyDate.field());
        return registry.ruleset(entry).thenCompose(ruleset -> decideClaim(request, key, entry, ruleset, started));
    }

    private CompletionStage<String> decideClaim(ClaimRequest request, IdempotencyKey key, PolicyTimeline.Entry entry,
                                                Ruleset ruleset, long started) {
        ClaimResponse response = answerClaim(request, ruleset);
        ClaimRequest masked = request.withInsured(request.insured().withPersonId(PersonIds.mask(request.insured().personId())));
        String answer = write(response);
        DecisionEntry recorded = new DecisionEntry(response.decisionId(), DecisionType.CLAIM.name(), request.claimId(),
                response.outcome().name(), masked.insured().personId(), personIds.hash(request.insured().personId()),
                request.insured().region(), request.treatment().region(),
                ruleset.version(), response.policyDate(), entry.activationId(), response.evaluatedAt(), micros(started),
                write(masked), answer, codes(response.reasons()), response.firedRules(), key);
        return record(recorded, response.outcome(), started).thenApply(recordedAndReported -> answer);
    }

    /** Decides a filing request by the policy of its date and records it, with its key, as {@link #decideClaim}. */
    public CompletionStage<String> decideFiling(FilingRequest request, IdempotencyKey key) {
        long started = System.nanoTime();
        PolicyDate policyDate = PolicyDate.of(request);
        PolicyTimeline.Entry entry = registry.entryOn(policyDate.date(), policyDate.field());
        return registry.ruleset(entry).thenCompose(ruleset -> decideFiling(request, key, entry, ruleset, started));
    }

    private CompletionStage<String> decideFiling(FilingRequest request, IdempotencyKey key, PolicyTimeline.Entry entry,
                                                 Ruleset ruleset, long started) {
        FilingResponse response = answerFiling(request, ruleset);
        FilingRequest masked = request.insured() == null ? request
                : request.withInsured(request.insured().withPersonId(PersonIds.mask(request.insured().personId())));
        String answer = write(response);
        DecisionEntry recorded = new DecisionEntry(response.decisionId(), DecisionType.FILING.name(), null,
                response.outcome().name(), masked.insured() == null ? null : masked.insured().personId(),
                request.insured() == null ? null : personIds.hash(request.insured().personId()),
                request.insured() == null ? null : request.insured().region(),
                request.treatment() == null ? null : request.treatment().region(),
                ruleset.version(), response.policyDate(), entry.activationId(), response.evaluatedAt(), micros(started),
                write(masked), answer, codes(response.reasons()), response.firedRules(), key);
        return record(recorded, response.outcome(), started).thenApply(recordedAndReported -> answer);
    }

    /** The answer to a claim on the given ruleset, recorded nowhere: for scenarios and replays. */
    public ClaimResponse answerClaim(ClaimRequest request, Ruleset ruleset) {
        Instant evaluatedAt = clock.now();
        ClaimDecision decision = claimDecider.decide(request, ruleset);
        return new ClaimResponse(DecisionIds.next(), DecisionType.CLAIM, request.claimId(),
                decision.outcome(), decision.area(), decision.amounts(), views(decision.reasons()), decision.firedRules(),
                ruleset.version(), PolicyDate.of(request).date(), evaluatedAt);
    }

    /** The answer to a filing request on the given ruleset, recorded nowhere: for scenarios and replays. */
    public FilingResponse answerFiling(FilingRequest request, Ruleset ruleset) {
        Instant evaluatedAt = clock.now();
        FilingDecision decision = filingDecider.decide(request, ruleset);
        return new FilingResponse(DecisionIds.next(), DecisionType.FILING, request.action(),
                request.filing().type(), decision.outcome(), decision.validFrom(), decision.validUntil(),
                views(decision.reasons()), decision.firedRules(), ruleset.version(), PolicyDate.of(request).date(), evaluatedAt);
    }

    /**
     * The answer, as exact JSON, to a request given as JSON (a scenario, a recorded request) on
     * the given ruleset, recorded nowhere: what scenarios and replays compare.
     *
     * @throws JsonProcessingException if the request does not read as a request of that type
     * @throws ConstraintViolationException if it reads but is not a valid request
     */
    public JsonNode answer(DecisionType type, JsonNode request, Ruleset ruleset) throws JsonProcessingException {
        Class<?> requestType = type == DecisionType.CLAIM ? ClaimRequest.class : FilingRequest.class;
        Object parsed = json.treeToValue(request, requestType);
        Set<ConstraintViolation<Object>> violations = validator.validate(parsed);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Object answer = parsed instanceof ClaimRequest claim ? answerClaim(claim, ruleset) : answerFiling((FilingRequest) parsed, ruleset);
        return exact.valueToTree(answer);
    }

    /** Records the decision; once it is recorded, one structured log line (never a person id) and the metrics. */
    private CompletableFuture<Void> record(DecisionEntry entry, Outcome outcome, long started) {
        return recorder.submit(entry).thenRun(() -> report(entry, outcome, started));
    }

    /** Never throws: the decision is recorded by now, and its answer must leave. */
    private void report(DecisionEntry entry, Outcome outcome, long started) {
        try (DecisionLogContext logged = DecisionLogContext.of(entry.id())) {
            long micros = micros(started);
            LOG.infof("decision id=%s type=%s outcome=%s reasons=%s ruleset=%s micros=%d",
                    entry.id(), entry.type(), outcome, String.join(",", entry.reasonCodes()), entry.rulesetVersion(), micros);
            metrics.decided(entry.type(), outcome.name(), entry.reasonCodes(), Duration.ofNanos(micros * 1_000));
        } catch (RuntimeException e) {
            LOG.errorf(e, "decision %s is recorded and answered, but its log line or metrics failed", entry.id());
        }
    }

    private static List<ReasonView> views(List<ReasonText> reasons) {
        return reasons.stream().map(ReasonView::of).toList();
    }

    private static List<String> codes(List<ReasonView> reasons) {
        return reasons.stream().map(ReasonView::code).toList();
    }

    private static long micros(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
