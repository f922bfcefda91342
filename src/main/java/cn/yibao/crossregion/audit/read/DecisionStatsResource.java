package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.StatDimension;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.security.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import java.util.Arrays;
import java.util.List;

/**
 * Decisions and payable per day, outcome, reason, region or ruleset version (or per day and one of
 * those: groupBy=day,outcome), summed from decision_stat (V9), which the audit writer keeps per day:
 * a bound that is an instant counts its whole day (in audit.time-zone).
 */
@Path("/api/v1/decisions/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class DecisionStatsResource {

    static final String BY_DAY = "day";

    /** from and to: the first and last day counted, in audit.time-zone (absent when unbounded), so a page can lay out its days. */
    public record Stats(String groupBy, @JsonInclude(JsonInclude.Include.NON_NULL) String from,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String to, List<DecisionStatsReader.Group> groups) {
    }

    private final DecisionStatsReader stats;
    private final ZoneId zone;

    public DecisionStatsResource(DecisionStatsReader stats,
                                 @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.stats = stats;
        this.zone = zone;
    }

    @GET
    @Operation(summary = "Decisions and payable (claims) per day, outcome, reasonCode, insuredRegion, treatmentRegion or rulesetVersion; "
            + "day,<one of those> per day and key, keyed 2026-05-01/APPROVED")
    public Response stats(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("type") String type,
                          @QueryParam("groupBy") @DefaultValue(BY_DAY) String groupBy) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = TimeBounds.parse("from", from, zone, false, errors);
        Instant end = TimeBounds.parse("to", to, zone, true, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(FieldProblem.RANGE_ORDER.at("from"));
        }
        String decisionType = type == null || type.isBlank() ? null : type.trim();
        if (decisionType != null && Arrays.stream(DecisionType.values()).noneMatch(known -> known.name().equals(decisionType))) {
            errors.add(FieldProblem.ONE_OF.at("type", String.join(", ", Arrays.stream(DecisionType.values()).map(Enum::name).toList())));
        }
        String group = groupBy.replace(" ", "");
        // "day,outcome": per day and outcome (any dimension), keyed "2026-05-01/APPROVED".
        boolean perDay = group.startsWith(BY_DAY + ",");
        String dimensionName = perDay ? group.substring(BY_DAY.length() + 1) : group;
        StatDimension dimension = Arrays.stream(StatDimension.values()).filter(d -> d.stored().equals(dimensionName)).findFirst().orElse(null);
        if (dimension == null && !group.equals(BY_DAY)) {
            List<String> allowed = new ArrayList<>(List.of(BY_DAY));
            Arrays.stream(StatDimension.values()).map(StatDimension::stored).forEach(allowed::add);
            Arrays.stream(StatDimension.values()).map(d -> BY_DAY + "," + d.stored()).forEach(allowed::add);
            errors.add(FieldProblem.ONE_OF.at("groupBy", String.join(", ", allowed)));
        }
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        String firstDay = start == null ? null : LocalDate.ofInstant(start, zone).toString();
        String lastDay = end == null ? null : LocalDate.ofInstant(end.minusNanos(1), zone).toString();
        return Response.ok(new Stats(group, firstDay, lastDay, stats.groups(dimension, perDay, start, end, decisionType))).build();
    }
}
