package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.rules.Ruleset;
import cn.yibao.crossregion.rules.RulesetRegistry;
import cn.yibao.crossregion.security.Role;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The ruleset versions the service has run, with their files. */
@Path("/api/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets", description = "Ruleset versions and their rule files")
@RolesAllowed({Role.ANALYST, Role.AUDITOR})
public class RulesetResource {

    private final RulesetRegistry registry;

    public RulesetResource(RulesetRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@code status}: ACTIVE (live now), DRAFT (stored, never live) or PREVIOUS (was live);
     * {@code activatedAt/By}: its latest activation.
     */
    public record RulesetSummary(String version, String status, boolean active, String origin, String createdBy,
                                 Instant firstLoadedAt, Instant activatedAt, String activatedBy,
                                 Integer testsPassed, Integer testsFailed, List<String> files) {
    }

    public record RulesetDetail(RulesetSummary summary, Map<String, String> files) {
    }

    @GET
    @Transactional
    @Operation(summary = "Every ruleset version the service has run, newest first, and which one is active")
    public List<RulesetSummary> list() {
        return RulesetRecord.<RulesetRecord>listAll(Sort.descending("lastLoadedAt")).stream().map(this::summary).toList();
    }

    @GET
    @Path("/{version}")
    @Transactional
    @Operation(summary = "One ruleset version with the full text of its files")
    public RulesetDetail get(@PathParam("version") String version) {
        RulesetRecord record = RulesetRecord.findById(version.startsWith("sha256:") ? version : "sha256:" + version);
        if (record == null) {
            throw new NotFoundException("no ruleset " + version);
        }
        return new RulesetDetail(summary(record), new TreeMap<>(record.files));
    }

    private RulesetSummary summary(RulesetRecord record) {
        Optional<RulesetActivation> activation = RulesetActivation.latestOf(record.version);
        boolean active = isActive(record.version);
        String status = active ? "ACTIVE" : activation.isPresent() ? "PREVIOUS" : "DRAFT";
        return new RulesetSummary(record.version, status, active, record.origin, record.createdBy, record.firstLoadedAt,
                activation.map(a -> a.activatedAt).orElse(null), activation.map(a -> a.activatedBy).orElse(null),
                record.testsPassed, record.testsFailed, List.copyOf(new TreeMap<>(record.files).keySet()));
    }

    private boolean isActive(String version) {
        return registry.current().map(Ruleset::version).map(version::equals).orElse(false);
    }
}
