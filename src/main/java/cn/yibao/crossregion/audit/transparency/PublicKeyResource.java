package cn.yibao.crossregion.audit.transparency;

import cn.yibao.crossregion.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Base64;

@Path("/api/v1/audit/public-key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class PublicKeyResource {

    public record PublicKey(String keyName, String algorithm, String publicKey, String verifierKey) {
    }

    private final SigningKey key;

    public PublicKeyResource(SigningKey key) {
        this.key = key;
    }

    @GET
    @Operation(summary = "The Ed25519 key that signs checkpoints, raw (base64) and as a signed-note verifier key")
    public PublicKey get() {
        NoteVerifier verifier = key.verifier();
        return new PublicKey(verifier.name(), "Ed25519", Base64.getEncoder().encodeToString(verifier.rawKey()), verifier.verifierKey());
    }
}
