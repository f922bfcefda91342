package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.PersonIdHasher;
import cn.yibao.crossregion.security.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
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
    private final DecisionSearch search;

    public AuditResource(ObjectMapper json, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone,
                         PersonIdHasher personIds, Explainer explainer, DecisionSearch search) {
        this.json = json;
        this.search = search;
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

    /**
     * A page of the list. {@code next} is the cursor of the following page, absent on the last; {@code total} is exact up to
     * {@code audit.search.total-cap} (10,000), beyond which it is the cap and {@code totalIsLowerBound} is true.
     */
    public record DecisionPage(List<DecisionSummary> items, int page, int size, long total,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Boolean totalIsLowerBound,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
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
    @Operation(summary = "Recorded decisions, newest first, filtered, paged by cursor (next), with the total (exact up to 10,000)")
    public Response list(@BeanParam DecisionFilter filter, @QueryParam("cursor") String cursor,
                         @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        List<FieldError> errors = new ArrayList<>();
        DecisionQuery query = filter.toQuery(zone, personIds, errors);
        int pageIndex = number("page", page, 0, Integer.MAX_VALUE, errors);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE, errors);
        DecisionCursor after = cursor == null || cursor.isBlank() ? null : DecisionCursor.parse(cursor);
        if (after == null && cursor != null && !cursor.isBlank()) {
            errors.add(FieldProblem.CURSOR.at("cursor"));
        }
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        List<DecisionRecord> records;
        String next = null;
        if (pageIndex > 0 && after == null) {
            // page= of the API before cursors, still answered (by OFFSET: slow deep in a large trail).
            records = query.page(pageIndex, pageSize).items();
        } else {
            DecisionSearch.Found found = search.page(query, after, pageSize);
            records = found.records();
            next = found.next() == null ? null : found.next().encoded();
        }
        DecisionSearch.Total total = search.total(query);
        List<DecisionSummary> items = records.stream().map(record -> new DecisionSummary(record.id, record.decisionType,
                record.claimId, record.outcome, record.personIdMasked, Set.copyOf(record.trace.reasonCodes), record.rulesetVersion,
                record.evaluatedAt)).toList();
        return Response.ok(new DecisionPage(items, pageIndex, pageSize, total.total(), total.lowerBound() ? Boolean.TRUE : null, next)).build();
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
