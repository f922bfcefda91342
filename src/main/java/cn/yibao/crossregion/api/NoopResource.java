package cn.yibao.crossregion.api;

import cn.yibao.crossregion.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * The benchmark's baseline: the same security, JSON parsing and HTTP path as a decision (on the
 * event loop, as decisions are), and nothing else. bench/run.sh reports decisions/s as a share of
 * this endpoint's rate.
 * <p>
 * Only in a build with the {@code bench} profile ({@code -Dquarkus.profile=prod,bench}, as bench/run.sh
 * builds): production builds do not have it (404, absent from OpenAPI).
 */
@IfBuildProfile("bench")
@Path("/api/v1/noop")
@Tag(name = "operations")
@RolesAllowed(Role.CALLER)
public class NoopResource {

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reads a JSON body and answers without deciding or recording anything (benchmark baseline)")
    public Map<String, Boolean> noop(JsonNode body) {
        return Map.of("ok", body != null);
    }
}
