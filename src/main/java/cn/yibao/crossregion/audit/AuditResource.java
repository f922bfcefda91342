package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.security.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The audit trail: any past decision, exactly as it was made. */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Recorded decisions")
@RolesAllowed(Role.AUDITOR)
public class AuditResource {

    private static final int MAX_PAGE_SIZE = 200;

    private final ObjectMapper json;
    private final ZoneId zone;
    private final PersonIdHasher personIds;
    private final Explainer explainer;

    public AuditResource(ObjectMapper json, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone,
                         PersonIdHasher personIds, Explainer explainer) {
        this.json = json;
        this.explainer = explainer;
        this.zone = zone;
        this.personIds = personIds;
    }

    public record RecordedDecision(String decisionId, String type, String claimId, String outcome, String personId,
                                   String insuredRegion, String treatmentRegion, String rulesetVersion,
                                   LocalDate policyDate, Instant evaluatedAt, long durationMicros, Set<String> reasonCodes,
                                   JsonNode request, JsonNode response) {
    }

    public record DecisionSummary(String decisionId, String type, String claimId, String outcome, String personId,
                                  Set<String> reasonCodes, String rulesetVersion, Instant evaluatedAt) {
    }

    public record DecisionPage(List<DecisionSummary> items, int page, int size, long total) {
    }

    @GET
    @Path("/{decisionId}")
    @Operation(summary = "One recorded decision: the request as received (person id masked), the response, reasons, fired rules and ruleset version")
    public RecordedDecision get(@PathParam("decisionId") String decisionId) {
        DecisionRecord record = DecisionRecord.findById(decisionId);
        if (record == null) {
            throw new NotFoundException("no decision " + decisionId);
        }
        return new RecordedDecision(record.id, record.decisionType, record.claimId, record.outcome, record.personIdMasked,
                record.insuredRegion, record.treatmentRegion, record.rulesetVersion, record.policyDate, record.evaluatedAt,
                record.durationMicros,
                Set.copyOf(record.trace.reasonCodes), read(record.requestJson), read(record.responseJson));
    }

    /** Analysts too: the replay of a draft links each changed decision to its explanation, which holds no person id. */
    @GET
    @Path("/{decisionId}/explanation")
    @Transactional
    @RolesAllowed({Role.AUDITOR, Role.ANALYST})
    @Operation(summary = "The decision in words (zh, en): reasons with sources, rules in firing order, matched table rows, the payout step by step")
    public Explanation explanation(@PathParam("decisionId") String decisionId) {
        return explainer.explain(decisionId);
    }

    @GET
    @Operation(summary = "Recorded decisions, newest first, filtered and paged, with the total")
    public Response list(@BeanParam DecisionFilter filter,
                         @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        List<FieldError> errors = new ArrayList<>();
        DecisionQuery query = filter.toQuery(zone, personIds, errors);
        int pageIndex = number("page", page, 0, Integer.MAX_VALUE, errors);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        DecisionQuery.Result result = query.page(pageIndex, pageSize);
        List<DecisionSummary> items = result.items().stream().map(record -> new DecisionSummary(record.id, record.decisionType,
                record.claimId, record.outcome, record.personIdMasked, Set.copyOf(record.trace.reasonCodes), record.rulesetVersion,
                record.evaluatedAt)).toList();
        return Response.ok(new DecisionPage(items, pageIndex, pageSize, result.total())).build();
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }




    private static int number(String field, String value, int min, int max, List<FieldError> errors) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(FieldProblem.WHOLE_NUMBER_RANGE.at(field, min, max));
        return min;
    }
}
