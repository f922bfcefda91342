package cn.yibao.crossregion.audit.transparency;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

@Path("/api/v1/audit/consistency")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class ConsistencyResource {

    private static final int MAX_CHAIN_ID = 64;

    public record ConsistencyProof(String chain, long first, long second, List<String> hashes) {
    }

    private final TreeStore store;

    public ConsistencyResource(TreeStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "An RFC 9162 §2.1.4 consistency proof between two sizes of a chain's tree (base64 hashes)")
    public Response proof(@QueryParam("chain") String chain, @QueryParam("first") String first, @QueryParam("second") String second) {
        List<FieldError> errors = new ArrayList<>();
        if (chain == null || chain.isBlank()) {
            errors.add(FieldProblem.REQUIRED.at("chain"));
        } else if (chain.length() > MAX_CHAIN_ID) {
            errors.add(FieldProblem.TOO_LONG.at("chain"));
        }
        long size = errors.isEmpty() ? QuarkusTransaction.requiringNew().call(() -> store.size(chain)) : 0;
        long from = number("first", first, 1, Math.max(1, size), errors);
        long to = number("second", second, 1, Math.max(1, size), errors);
        if (errors.isEmpty() && from > to) {
            errors.add(FieldProblem.WHOLE_NUMBER_RANGE.at("first", 1, to));
        }
        if (errors.isEmpty() && size == 0) {
            errors.add(FieldProblem.INVALID.at("chain"));
        }
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        List<byte[]> hashes = from == to ? List.of()
                : QuarkusTransaction.requiringNew().call(() -> store.resolve(chain, ProofPlan.consistency(from, to)));
        return Response.ok(new ConsistencyProof(chain, from, to, hashes.stream().map(Base64.getEncoder()::encodeToString).toList())).build();
    }

    private static long number(String field, String value, long min, long max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldProblem.REQUIRED.at(field));
            return min;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(FieldProblem.WHOLE_NUMBER_RANGE.at(field, min, max));
        return min;
    }
}
