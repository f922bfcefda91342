package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.decision.DecisionType;
import cn.yibao.crossregion.decision.Outcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The audit trail: any past decision, exactly as it was made. */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Recorded decisions")
public class AuditResource {

    private static final int MAX_PAGE_SIZE = 200;

    private final ObjectMapper json;
    private final ZoneId zone;

    public AuditResource(ObjectMapper json, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    public record RecordedDecision(String decisionId, String type, String claimId, String outcome, String personId,
                                   String insuredRegion, String treatmentRegion, String rulesetVersion,
                                   Instant evaluatedAt, long durationMicros, Set<String> reasonCodes,
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
                record.insuredRegion, record.treatmentRegion, record.rulesetVersion, record.evaluatedAt, record.durationMicros,
                Set.copyOf(record.reasonCodes), read(record.requestJson), read(record.responseJson));
    }

    @GET
    @Operation(summary = "Recorded decisions, newest first, filtered and paged. from/to are instants or days in audit.time-zone (a day includes all of it)")
    public Response list(@QueryParam("type") String type, @QueryParam("outcome") String outcome,
                         @QueryParam("reasonCode") String reasonCode, @QueryParam("rule") String rule,
                         @QueryParam("claimId") String claimId, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        List<FieldError> errors = new ArrayList<>();
        String typeName = oneOf("type", type, DecisionType.values(), errors);
        String outcomeName = oneOf("outcome", outcome, Outcome.values(), errors);
        Instant fromInstant = instant("from", from, false, errors);
        Instant toInstant = instant("to", to, true, errors);
        int pageIndex = number("page", page, 0, Integer.MAX_VALUE, errors);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        DecisionQuery.Result result = new DecisionQuery(typeName, outcomeName, blankToNull(reasonCode), blankToNull(rule),
                blankToNull(claimId), fromInstant, toInstant, pageIndex, pageSize).run();
        List<DecisionSummary> items = result.items().stream().map(record -> new DecisionSummary(record.id, record.decisionType,
                record.claimId, record.outcome, record.personIdMasked, Set.copyOf(record.reasonCodes), record.rulesetVersion,
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String oneOf(String field, String value, Enum<?>[] allowed, List<FieldError> errors) {
        if (blankToNull(value) == null) {
            return null;
        }
        if (Arrays.stream(allowed).noneMatch(candidate -> candidate.name().equals(value))) {
            errors.add(FieldProblem.ONE_OF.at(field, String.join(", ", Arrays.stream(allowed).map(Enum::name).toList())));
        }
        return value;
    }

    private Instant instant(String field, String value, boolean endOfDay, List<FieldError> errors) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return endOfDay ? TimeBounds.to(value, zone) : TimeBounds.from(value, zone);
        } catch (DateTimeParseException e) {
            errors.add(FieldProblem.DATE.at(field));
            return null;
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
