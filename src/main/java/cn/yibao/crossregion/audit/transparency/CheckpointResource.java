package cn.yibao.crossregion.audit.transparency;

import cn.yibao.crossregion.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit/checkpoint")
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class CheckpointResource {

    private final String ownChain;
    private final CheckpointStore checkpoints;

    public CheckpointResource(@ConfigProperty(name = "audit.chain-id", defaultValue = "main") String ownChain, CheckpointStore checkpoints) {
        this.ownChain = ownChain;
        this.checkpoints = checkpoints;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The latest signed checkpoint of a chain (this instance's by default), a C2SP signed note")
    public String latest(@QueryParam("chain") String chain) {
        String chainId = chain == null || chain.isBlank() ? ownChain : chain;
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.latest(chainId))
                .map(record -> record.note)
                .orElseThrow(() -> new NotFoundException("no checkpoint of chain " + chainId + " yet"));
    }
}
