package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.RecordHash;
import cn.yibao.crossregion.audit.transparency.CheckpointConfig;
import cn.yibao.crossregion.audit.transparency.CheckpointRecord;
import cn.yibao.crossregion.audit.transparency.CheckpointStore;
import cn.yibao.crossregion.audit.transparency.ProofPlan;
import cn.yibao.crossregion.audit.transparency.TreeStore;
import cn.yibao.crossregion.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A decision's inclusion proof (RFC 9162 §2.1.3) against the latest signed checkpoint of its chain:
 * with the signing key's public half, anyone can check it without the database (scripts/verify-decision).
 */
@Path("/api/v1/decisions/{decisionId}/proof")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class ProofResource {

    public record InclusionProof(String decisionId, String chain, long leafIndex, long treeSize, String leaf, List<String> hashes,
                                 String checkpoint) {
    }

    public record NotYetCheckpointed(int status, String message, String messageZh, String decisionId, long retryAfterSeconds) {
    }

    private final CheckpointStore checkpoints;
    private final TreeStore tree;
    private final long retryAfterSeconds;

    public ProofResource(CheckpointStore checkpoints, TreeStore tree, CheckpointConfig config) {
        this.checkpoints = checkpoints;
        this.tree = tree;
        this.retryAfterSeconds = Math.max(1, (config.interval().toMillis() + 999) / 1000);
    }

    @GET
    @Operation(summary = "The decision's inclusion proof against the latest signed checkpoint of its chain; 409 with Retry-After until one covers it")
    public Response proof(@PathParam("decisionId") String decisionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DecisionRecord record = DecisionRecord.findById(decisionId);
            if (record == null) {
                throw new NotFoundException("no decision " + decisionId);
            }
            long leafIndex = record.chainSeq - 1;
            Optional<CheckpointRecord> checkpoint = checkpoints.latest(record.chainId);
            if (checkpoint.isEmpty() || checkpoint.get().treeSize <= leafIndex) {
                return Response.status(Response.Status.CONFLICT).header("Retry-After", Long.toString(retryAfterSeconds))
                        .entity(new NotYetCheckpointed(409, "the decision is recorded but no signed checkpoint covers it yet; ask again shortly",
                                "该决定已记录，但尚无签名检查点覆盖它，请稍后再试", decisionId, retryAfterSeconds)).build();
            }
            long treeSize = checkpoint.get().treeSize;
            List<String> hashes = tree.resolve(record.chainId, ProofPlan.inclusion(leafIndex, treeSize)).stream()
                    .map(Base64.getEncoder()::encodeToString).toList();
            return Response.ok(new InclusionProof(decisionId, record.chainId, leafIndex, treeSize,
                    Base64.getEncoder().encodeToString(RecordHash.leaf(record)), hashes, checkpoint.get().note)).build();
        });
    }
}
