package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The analysts' workflow: draft, activate (and roll back), reload from the rule folders. */
@Path("/api/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets")
@RolesAllowed(Role.ANALYST)
public class RulesetWorkflowResource {

    private final RulesetWorkflow workflow;
    private final SecurityIdentity identity;

    public RulesetWorkflowResource(RulesetWorkflow workflow, SecurityIdentity identity) {
        this.workflow = workflow;
        this.identity = identity;
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

    @POST
    @Path("/{version}/activate")
    @Operation(summary = "Make a stored version live, if its scenario tests pass (409 otherwise); activating an earlier version rolls back")
    public RulesetWorkflow.Activation activate(@PathParam("version") String version) {
        return workflow.activate(version.startsWith("sha256:") ? version : "sha256:" + version, identity.getPrincipal().getName());
    }

    @POST
    @Path("/reload")
    @Operation(summary = "Read rules-drl/, rules-dmn/ and rules-tests/ from disk and make them live if they compile, validate and pass")
    public RulesetWorkflow.Activation reload() {
        return workflow.reload(identity.getPrincipal().getName());
    }
}
