package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.TimeBounds;
import cn.yibao.crossregion.decision.DecisionType;
import cn.yibao.crossregion.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What a ruleset version would have decided over a recorded period, compared with what was decided. */
@Path("/api/v1/replays")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets")
@RolesAllowed(Role.ANALYST)
public class ReplayResource {

    private static final int DEFAULT_LIMIT = 1000;

    private final ReplayService replays;
    private final ZoneId zone;

    public ReplayResource(ReplayService replays, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.replays = replays;
        this.zone = zone;
    }

    /**
     * {@code by} evaluatedAt (default): {@code from}/{@code to} are instants or days in audit.time-zone;
     * by policyDate: days, both inclusive. {@code page}/{@code size} page the changes.
     */
    public record ReplayRequest(
            @NotBlank(message = "REQUIRED") String candidate,
            String from,
            String to,
            DecisionType type,
            ReplayService.By by,
            @Min(value = 1, message = "INVALID") @Max(value = 100_000, message = "INVALID") Integer limit,
            @Min(value = 0, message = "INVALID") Integer page,
            @Min(value = 1, message = "INVALID") @Max(value = 1000, message = "INVALID") Integer size) {
    }

    @POST
    @Operation(summary = "Re-decide the recorded requests of a period with a candidate version and report what would change; nothing is recorded")
    public Response replay(@NotNull(message = "BODY_REQUIRED") @Valid ReplayRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ReplayService.By by = request.by() == null ? ReplayService.By.evaluatedAt : request.by();
        boolean byPolicyDate = by == ReplayService.By.policyDate;
        Instant from = byPolicyDate ? null : TimeBounds.parse("from", request.from(), zone, false, errors);
        Instant to = byPolicyDate ? null : TimeBounds.parse("to", request.to(), zone, true, errors);
        LocalDate fromDate = byPolicyDate ? day("from", request.from(), errors) : null;
        LocalDate toDate = byPolicyDate ? day("to", request.to(), errors) : null;
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        String candidate = request.candidate().startsWith("sha256:") ? request.candidate() : "sha256:" + request.candidate();
        return Response.ok(replays.replay(new ReplayService.Query(candidate, by, from, to, fromDate, toDate, request.type(),
                request.limit() == null ? DEFAULT_LIMIT : request.limit(),
                request.page() == null ? 0 : request.page(), request.size() == null ? 50 : request.size()))).build();
    }

    private static LocalDate day(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(FieldProblem.DATE.at(field));
            return null;
        }
    }
}
