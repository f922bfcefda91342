package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.record.NotRecordedException;
import cn.yibao.crossregion.audit.record.UnconfirmedRecordException;
import cn.yibao.crossregion.ops.AuditWriterMetrics;
import cn.yibao.crossregion.ops.DecisionLogContext;
import cn.yibao.crossregion.rules.NoActiveRulesetException;
import cn.yibao.crossregion.rules.NoPolicyOnDateException;
import cn.yibao.crossregion.rules.RuleProblem;
import cn.yibao.crossregion.rules.RulesetInvalidException;
import cn.yibao.crossregion.scenarios.ScenarioReport;
import cn.yibao.crossregion.workflow.RulesetRejectedException;
import cn.yibao.crossregion.workflow.TimelineEntryInForceException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;

/** Errors that are not the caller's: unknown ids, no live ruleset, and faults of our own (logged with an id). */
public class ServiceErrorMappers {

    private static final Logger LOG = Logger.getLogger(ServiceErrorMappers.class);

    private final AuditWriterMetrics auditMetrics;

    public ServiceErrorMappers(AuditWriterMetrics auditMetrics) {
        this.auditMetrics = auditMetrics;
    }

    public record ServiceError(int status, String message, String errorId) {
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, new ServiceError(404, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response noRuleset(NoActiveRulesetException e) {
        return json(503, new ServiceError(503, e.getMessage(), null));
    }

    /** A decision that could not be recorded is not answered: 503, and the caller may send it again. */
    @ServerExceptionMapper
    public Response notRecorded(NotRecordedException e) {
        auditMetrics.unavailable(e.reason().name());
        return notAnswered(e, e.decisionId(), new ServiceError(503, e.getMessage() + "; nothing was decided, send the request again", null));
    }

    public record UnconfirmedDecision(int status, String message, String decisionId) {
    }

    /** A decision committed but not confirmed on disk: 503 with its id, to be looked up before it is sent again. */
    @ServerExceptionMapper
    public Response unconfirmed(UnconfirmedRecordException e) {
        auditMetrics.unavailable("unconfirmed");
        return notAnswered(e, e.decisionId(), new UnconfirmedDecision(503, e.getMessage() + "; it may be in the audit trail: look it up at /api/v1/decisions/"
                + e.decisionId() + " before sending the request again", e.decisionId()));
    }

    public record RulesetErrors(int status, List<RuleProblem> errors) {
    }

    public record RulesetRefused(int status, String message, String version, ScenarioReport tests) {
    }

    /** Rule files that do not compile, validate or pass: 422, every problem with its file and line. */
    @ServerExceptionMapper
    public Response invalidRules(RulesetInvalidException e) {
        return json(422, new RulesetErrors(422, e.problems()));
    }

    @ServerExceptionMapper
    public Response refusedRules(RulesetRejectedException e) {
        return json(409, new RulesetRefused(409, e.getMessage(), e.version(), e.tests()));
    }

    /** A policy date before the timeline's first entry: 422 naming the date's field; nothing decided or recorded. */
    @ServerExceptionMapper
    public Response noPolicy(NoPolicyOnDateException e) {
        return json(422, new ErrorResponse(422, List.of(FieldProblem.NO_POLICY_ON_DATE.at(e.field(), e.date(),
                e.timelineStart() == null ? "none" : e.timelineStart()))));
    }

    /** A timeline entry whose date has come cannot be withdrawn. */
    @ServerExceptionMapper
    public Response entryInForce(TimelineEntryInForceException e) {
        return json(409, new ServiceError(409, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s", errorId);
        return json(500, new ServiceError(500, "internal error; nothing was decided or recorded", errorId));
    }

    /**
     * The audit trail could not take the decision: 503, and the caller may try again in a second.
     * The log line carries the decision's id in its MDC when there is one.
     */
    private static Response notAnswered(RuntimeException e, String decisionId, Object body) {
        try (var logged = DecisionLogContext.of(decisionId)) {
            LOG.warnf("a decision was not answered: %s", e.getMessage());
        }
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "1").entity(body).build();
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
