package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class AuditVerifyResource {

    private final AuditVerifier verifier;

    public AuditVerifyResource(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Operation(summary = "Recompute every hash chain of the audit trail and its Merkle tree, and hold them against every signed checkpoint: {ok, checked, firstBroken: {decisionId, reason}, checkpoints}")
    public AuditVerifier.Report verify() {
        return verifier.verify();
    }
}
