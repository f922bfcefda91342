package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.read.TimeBounds;
import cn.yibao.crossregion.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The policy timeline (API.md "Policy in time"): which version decides which dates, as it stands or stood. */
@Path("/api/v1/rulesets/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets")
public class TimelineResource {

    private final PolicyTimelines timelines;
    private final SecurityIdentity identity;

    public TimelineResource(PolicyTimelines timelines, SecurityIdentity identity) {
        this.timelines = timelines;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Role.ANALYST, Role.AUDITOR})
    @Operation(summary = "The timeline of versions, oldest effectiveFrom first: IN_FORCE, SCHEDULED, REPLACED or WITHDRAWN;"
            + " asOf shows it as it stood at that instant")
    public Response timeline(@QueryParam("asOf") String asOf) {
        Instant moment = null;
        if (asOf != null && !asOf.isBlank()) {
            try {
                moment = Instant.parse(asOf.trim());
            } catch (DateTimeParseException e) {
                return Response.status(400).entity(ErrorResponse.badRequest(List.of(FieldProblem.INSTANT.at("asOf")))).build();
            }
        }
        return Response.ok(timelines.asOf(moment)).build();
    }

    @DELETE
    @Path("/{effectiveFrom}")
    @RolesAllowed(Role.ANALYST)
    @Operation(summary = "Withdraw the scheduled entry of a future date (409 if its date has come, 404 if there is none)")
    public Response withdraw(@PathParam("effectiveFrom") String effectiveFrom) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = TimeBounds.day("effectiveFrom", effectiveFrom, errors);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(ErrorResponse.badRequest(errors)).build();
        }
        return Response.ok(timelines.withdraw(date, identity.getPrincipal().getName())).build();
    }
}
