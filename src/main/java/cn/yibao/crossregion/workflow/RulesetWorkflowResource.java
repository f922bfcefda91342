package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.api.validation.CalendarDate;
import cn.yibao.crossregion.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/** The analysts' workflow: draft, activate (and roll back), reload from the rule folders. */
@Path("/api/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets")
@RolesAllowed(Role.ANALYST)
public class RulesetWorkflowResource {

    private final RulesetWorkflow workflow;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Validator validator;

    public RulesetWorkflowResource(RulesetWorkflow workflow, SecurityIdentity identity, ObjectMapper json, Validator validator) {
        this.workflow = workflow;
        this.identity = identity;
        this.json = json;
        this.validator = validator;
    }

    /** The body is optional (a bare POST activates for today), so it is read here rather than by a JSON-only reader. */
    private ActivationRequest activationRequest(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return new ActivationRequest(null, null);
        }
        ActivationRequest request = json.readValue(body, ActivationRequest.class);
        if (request == null) {
            return new ActivationRequest(null, null);
        }
        Set<ConstraintViolation<ActivationRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** The changed (or all) rule files, keyed by path: {@code rules-dmn/payout.dmn}. */
    public record DraftRequest(@NotNull(message = "REQUIRED") @NotEmpty(message = "REQUIRED") Map<String, String> files) {
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compile, validate and test rule files on top of the live ones; store them as a draft, never live")
    public Response draft(@NotNull(message = "BODY_REQUIRED") @Valid DraftRequest request) {
        RulesetWorkflow.Draft draft = workflow.draft(request.files(), identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(draft).build();
    }

    /** {@code effectiveFrom} absent: the entry in force today is replaced (POLICY.md §8). */
    public record ActivationRequest(@CalendarDate LocalDate effectiveFrom,
                                    @Size(max = 500, message = "TOO_LONG") String note) {
    }

    @POST
    @Path("/{version}/activate")
    @Operation(summary = "Put a stored version on the policy timeline from effectiveFrom (future: scheduled; past: a correction;"
            + " absent: replaces the entry in force today), if its scenario tests pass (409 otherwise);"
            + " activating an earlier version rolls back")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivationRequest.class)))
    public RulesetWorkflow.Activation activate(@PathParam("version") String version, String body) throws JsonProcessingException {
        ActivationRequest given = activationRequest(body);
        return workflow.activate(version.startsWith("sha256:") ? version : "sha256:" + version, identity.getPrincipal().getName(),
                given.effectiveFrom(), given.note() == null || given.note().isBlank() ? null : given.note());
    }

    @POST
    @Path("/reload")
    @Operation(summary = "Read rules-drl/, rules-dmn/ and rules-tests/ from disk and make them live if they compile, validate and pass")
    public RulesetWorkflow.Activation reload() {
        return workflow.reload(identity.getPrincipal().getName());
    }
}
