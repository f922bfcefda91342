package cn.yibao.crossregion.api;

import cn.yibao.crossregion.api.validation.IdempotencyKeyRefusedException;
import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.security.Role;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletionStage;

/**
 * The decision endpoints called by front offices and hospital settlement systems. A decision is
 * worked out on the request's event-loop thread (rules are CPU work, well under a millisecond)
 * and answered when its record is committed and on disk, so no thread waits for the audit trail.
 * Nothing on this path may block: a request with an {@code Idempotency-Key} looks its key up on a
 * worker thread first ({@link IdempotentDecisions}).
 */
@Path("/api/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions", description = "Decide claims (报销/结算) and filings (备案)")
@RolesAllowed(Role.CALLER)
@NonBlocking
public class DecisionResource {

    private static final String KEY_DESCRIPTION = "1–100 printable ASCII characters, the caller's own per request: sent again with the same "
            + "request, it is answered with the decision already recorded (header Idempotent-Replayed: true)";

    private final DecisionService decisions;
    private final IdempotentDecisions idempotent;

    public DecisionResource(DecisionService decisions, IdempotentDecisions idempotent) {
        this.decisions = decisions;
        this.idempotent = idempotent;
    }

    @POST
    @Path("/claim")
    @Operation(summary = "Decide one claim (报销/结算); the answer is returned once it is recorded")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimRequest.class),
            examples = @ExampleObject(name = "worked example", summary = "API.md: pays 15200.00", value = ApiExamples.CLAIM)))
    @APIResponse(responseCode = "200", description = "The decision, as recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimResponse.class)))
    @Parameter(name = IdempotencyKeyRefusedException.HEADER, in = ParameterIn.HEADER, description = KEY_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 100))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another request")
    public CompletionStage<RestResponse<String>> claim(@NotNull(message = "BODY_REQUIRED") @Valid ClaimRequest request,
                                                       @Context HttpServerRequest http, @Context SecurityContext caller) {
        return idempotent.decide(http, caller, DecisionType.CLAIM, request, key -> decisions.decideClaim(request, key));
    }

    @POST
    @Path("/filing")
    @Operation(summary = "Decide a filing (备案) application or cancellation; the answer is returned once it is recorded")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingRequest.class),
            examples = @ExampleObject(name = "posted worker", summary = "API.md: accepted, valid 2026-02-01 to 2027-01-31", value = ApiExamples.FILING)))
    @APIResponse(responseCode = "200", description = "The decision, as recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingResponse.class)))
    @Parameter(name = IdempotencyKeyRefusedException.HEADER, in = ParameterIn.HEADER, description = KEY_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 100))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another request")
    public CompletionStage<RestResponse<String>> filing(@NotNull(message = "BODY_REQUIRED") @Valid FilingRequest request,
                                                        @Context HttpServerRequest http, @Context SecurityContext caller) {
        return idempotent.decide(http, caller, DecisionType.FILING, request, key -> decisions.decideFiling(request, key));
    }
}
