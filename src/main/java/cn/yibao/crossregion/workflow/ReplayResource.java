package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.read.TimeBounds;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replays as jobs: what a ruleset version would have decided over a recorded window, compared with what was decided. */
@Path("/api/v1/replays")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rulesets")
@RolesAllowed(Role.ANALYST)
public class ReplayResource {

    private static final int MAX_WAIT_SECONDS = 600;
    private static final Pattern PREFER_WAIT = Pattern.compile("(?:^|[;,\\s])wait=(\\d+)");

    private final ReplayJobs jobs;
    private final ZoneId zone;
    private final ObjectMapper json;

    public ReplayResource(ReplayJobs jobs, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone,
                          ObjectMapper json) {
        this.jobs = jobs;
        this.zone = zone;
        this.json = json;
    }

    /**
     * {@code by} evaluatedAt (default): {@code from}/{@code to} are instants or days in audit.time-zone;
     * by policyDate: days, both inclusive. {@code page}/{@code size} page the changes.
     */
    public record ReplayRequest(
            @NotBlank(message = "REQUIRED") String candidate,
            String from,
            String to,
            DecisionType type,
            ReplayService.By by,
            @Min(value = 1, message = "INVALID") Long limit,
            @Min(value = 0, message = "INVALID") Integer page,
            @Min(value = 1, message = "INVALID") @Max(value = 1000, message = "INVALID") Integer size) {
    }

    @POST
    @Operation(summary = "Start re-deciding the recorded requests of a window with a candidate version (202 and a Location);"
            + " with Prefer: wait=N, 200 and the finished result if it ends within N seconds. Nothing is recorded")
    public Response replay(@NotNull(message = "BODY_REQUIRED") @Valid ReplayRequest request,
                           @HeaderParam("Prefer") String prefer) throws InterruptedException {
        List<FieldError> errors = new ArrayList<>();
        ReplayService.By by = request.by() == null ? ReplayService.By.evaluatedAt : request.by();
        boolean byPolicyDate = by == ReplayService.By.policyDate;
        Instant from = byPolicyDate ? null : TimeBounds.parse("from", request.from(), zone, false, errors);
        Instant to = byPolicyDate ? null : TimeBounds.parse("to", request.to(), zone, true, errors);
        LocalDate fromDate = byPolicyDate ? TimeBounds.day("from", request.from(), errors) : null;
        LocalDate toDate = byPolicyDate ? TimeBounds.day("to", request.to(), errors) : null;
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        String candidate = request.candidate().startsWith("sha256:") ? request.candidate() : "sha256:" + request.candidate();
        ReplayJob job = jobs.start(new ReplayService.Query(candidate, by, from, to, fromDate, toDate, request.type(),
                request.limit() == null ? Long.MAX_VALUE : request.limit()));
        int waitSeconds = waitSeconds(prefer);
        if (waitSeconds > 0) {
            try {
                job.finished.get(waitSeconds, TimeUnit.SECONDS);
                int size = request.size() == null ? 50 : request.size();
                int page = request.page() == null ? 0 : request.page();
                return Response.ok(finished(job, page, size)).header("Preference-Applied", "wait=" + waitSeconds).build();
            } catch (TimeoutException | ExecutionException stillRunning) {
                // answered as without the header: the job goes on
            }
        }
        return Response.accepted(job.view()).location(URI.create("/api/v1/replays/" + job.id)).build();
    }

    @GET
    @Path("/{replayId}")
    @Operation(summary = "A replay's progress or result: status, total, done, changed, transitions, payable change and its histogram, rate")
    public ReplayJob.View status(@PathParam("replayId") String replayId) {
        return job(replayId).view();
    }

    public record ChangesPage(List<ReplayService.Change> items, String next) {
    }

    @GET
    @Path("/{replayId}/changes")
    @Operation(summary = "The changed decisions of a replay, a page at a time: next is the cursor of the following page (absent on the last)")
    public Response changes(@PathParam("replayId") String replayId, @QueryParam("cursor") String cursor,
                            @QueryParam("size") @DefaultValue("100") @Min(value = 1, message = "INVALID") @Max(value = 1000, message = "INVALID") int size) {
        ReplayJob job = job(replayId);
        int offset;
        try {
            offset = cursor == null || cursor.isBlank() ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            return Response.status(400).entity(ErrorResponse.badRequest(List.of(FieldProblem.INVALID.at("cursor")))).build();
        }
        List<ReplayService.Change> items = job.changes(offset, size);
        boolean more = offset + items.size() < job.changesKept();
        return Response.ok(new ChangesPage(items, more ? String.valueOf(offset + items.size()) : null)).build();
    }

    @GET
    @Path("/{replayId}/changes.jsonl")
    @Produces("application/x-ndjson")
    @Operation(summary = "Every changed decision kept of a replay, one JSON object per line")
    public Response download(@PathParam("replayId") String replayId) {
        ReplayJob job = job(replayId);
        StreamingOutput body = out -> {
            var writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
            for (int offset = 0; offset < job.changesKept(); offset += 1000) {
                for (ReplayService.Change change : job.changes(offset, 1000)) {
                    writer.write(json.writeValueAsString(change));
                    writer.write('\n');
                }
            }
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"replay-" + replayId + ".jsonl\"").build();
    }

    @DELETE
    @Path("/{replayId}")
    @Operation(summary = "Cancel a running replay; what it compared so far stays readable")
    public ReplayJob.View cancel(@PathParam("replayId") String replayId) {
        ReplayJob job = job(replayId);
        job.cancel();
        return job.view();
    }

    private ReplayJob job(String replayId) {
        return jobs.find(replayId).orElseThrow(() -> new NotFoundException("no replay " + replayId));
    }

    /** The finished job with one page of its changes: what the analyst page shows after a replay. */
    private ObjectNode finished(ReplayJob job, int page, int size) {
        ObjectNode result = json.valueToTree(job.view());
        result.set("changes", json.valueToTree(job.changes(page * size, size)));
        result.put("page", page);
        result.put("size", size);
        return result;
    }

    private static int waitSeconds(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher wait = PREFER_WAIT.matcher(prefer);
        return wait.find() ? (int) Math.min(MAX_WAIT_SECONDS, Long.parseLong(wait.group(1).substring(0, Math.min(6, wait.group(1).length())))) : 0;
    }
}
