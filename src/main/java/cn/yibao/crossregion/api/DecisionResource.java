package cn.yibao.crossregion.api;

import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.security.Role;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.concurrent.CompletionStage;

/**
 * The decision endpoints called by front offices and hospital settlement systems. A decision is
 * worked out on the request's event-loop thread (rules are CPU work, well under a millisecond)
 * and answered when its record is committed and on disk, so no thread waits for the audit trail.
 * Nothing on this path may block.
 */
@Path("/api/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions", description = "Decide claims (报销/结算) and filings (备案)")
@RolesAllowed(Role.CALLER)
@NonBlocking
public class DecisionResource {

    private final DecisionService decisions;

    public DecisionResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    @Path("/claim")
    @Operation(summary = "Decide one claim (报销/结算); the answer is returned once it is recorded")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimRequest.class),
            examples = @ExampleObject(name = "worked example", summary = "API.md: pays 15200.00", value = ApiExamples.CLAIM)))
    @APIResponse(responseCode = "200", description = "The decision, as recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimResponse.class)))
    public CompletionStage<String> claim(@NotNull(message = "BODY_REQUIRED") @Valid ClaimRequest request) {
        return decisions.decideClaim(request);
    }

    @POST
    @Path("/filing")
    @Operation(summary = "Decide a filing (备案) application or cancellation; the answer is returned once it is recorded")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingRequest.class),
            examples = @ExampleObject(name = "posted worker", summary = "API.md: accepted, valid 2026-02-01 to 2027-01-31", value = ApiExamples.FILING)))
    @APIResponse(responseCode = "200", description = "The decision, as recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingResponse.class)))
    public CompletionStage<String> filing(@NotNull(message = "BODY_REQUIRED") @Valid FilingRequest request) {
        return decisions.decideFiling(request);
    }
}
