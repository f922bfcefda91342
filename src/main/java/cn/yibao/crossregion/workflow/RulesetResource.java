package cn.yibao.crossregion.workflow;

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
import java.util.ArrayList;
import java.util.HashMap;
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
     * {@code status}: ACTIVE (in force today), DRAFT (stored, never activated) or PREVIOUS (activated before;
     * the timeline says for which dates: GET /api/v1/rulesets/timeline);
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
        String live = liveVersion();   // once: a version switched mid-list must not leave the list with no active one
        Map<String, List<String>> paths = filePaths();
        return RulesetRecord.<RulesetRecord>listAll(Sort.descending("lastLoadedAt")).stream()
                .map(record -> summary(record, live, paths.getOrDefault(record.version, List.of()))).toList();
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
        TreeMap<String, String> files = new TreeMap<>(record.files);
        return new RulesetDetail(summary(record, liveVersion(), List.copyOf(files.keySet())), files);
    }

    /** The file names of every version, without their texts (a version may hold megabytes of DMN). */
    private static Map<String, List<String>> filePaths() {
        Map<String, List<String>> paths = new HashMap<>();
        RulesetRecord.getEntityManager()
                .createQuery("select r.version, key(f) from RulesetRecord r join r.files f order by key(f)", Object[].class)
                .getResultStream()
                .forEach(row -> paths.computeIfAbsent((String) row[0], version -> new ArrayList<>()).add((String) row[1]));
        return paths;
    }

    private RulesetSummary summary(RulesetRecord record, String liveVersion, List<String> files) {
        Optional<RulesetActivation> activation = RulesetActivation.latestOf(record.version);
        boolean active = record.version.equals(liveVersion);
        String status = active ? "ACTIVE" : activation.isPresent() ? "PREVIOUS" : "DRAFT";
        return new RulesetSummary(record.version, status, active, record.origin, record.createdBy, record.firstLoadedAt,
                activation.map(a -> a.activatedAt).orElse(null), activation.map(a -> a.activatedBy).orElse(null),
                record.testsPassed, record.testsFailed, files);
    }

    private String liveVersion() {
        return registry.versionInForceToday().orElse(null);
    }
}
