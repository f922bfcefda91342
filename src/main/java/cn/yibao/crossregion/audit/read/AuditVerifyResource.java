package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/v1/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class AuditVerifyResource {

    private final AuditVerifier verifier;
    private final VerifyJobs jobs;

    public AuditVerifyResource(AuditVerifier verifier, VerifyJobs jobs) {
        this.verifier = verifier;
        this.jobs = jobs;
    }

    @POST
    @Path("/jobs")
    @Operation(summary = "Start the full check as a job (or answer the one under way): 202 and a Location to follow its progress")
    public Response startJob() {
        VerifyJobs.View job = jobs.start();
        return Response.accepted(job).location(URI.create("/api/v1/audit/verify/jobs/" + job.jobId())).build();
    }

    @GET
    @Path("/jobs/{jobId}")
    @Operation(summary = "A full check's progress (checked of total, records per second) and, once done, its report")
    public VerifyJobs.View job(@PathParam("jobId") String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NotFoundException("no verify job " + jobId));
    }

    @GET
    @Path("/last")
    @Operation(summary = "The last full check that finished on this instance, with when; 404 before the first")
    public VerifyJobs.View last() {
        return jobs.last().orElseThrow(() -> new NotFoundException("no full check has finished since this instance started"));
    }

    @GET
    @Operation(summary = "Recompute every hash chain of the audit trail and its Merkle tree, and hold them against every signed checkpoint: {ok, checked, firstBroken: {decisionId, reason}, checkpoints}")
    public AuditVerifier.Report verify() {
        return verifier.verify();
    }
}
