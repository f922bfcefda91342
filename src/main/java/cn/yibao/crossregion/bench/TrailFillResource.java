package cn.yibao.crossregion.bench;

import cn.yibao.crossregion.security.Role;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * bench/trail.sh fills a trail through this endpoint ({@link TrailFiller}) and polls it until done.
 * Only in a build with the {@code bench} profile, as the no-op endpoint.
 */
@IfBuildProfile("bench")
@Path("/api/v1/bench/trail")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
@RolesAllowed(Role.CALLER)
public class TrailFillResource {

    private final TrailFiller filler;

    public TrailFillResource(TrailFiller filler) {
        this.filler = filler;
    }

    @POST
    public Response fill(@QueryParam("count") long count, @QueryParam("days") @DefaultValue("365") int days,
                         @QueryParam("seed") @DefaultValue("17") long seed) {
        if (count <= 0 || days <= 0) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        return filler.start(count, days, seed) ? Response.accepted(filler.progress()).build()
                : Response.status(Response.Status.CONFLICT).entity(filler.progress()).build();
    }

    @GET
    @Path("/persons")
    @Produces(MediaType.TEXT_PLAIN)
    public String persons(@QueryParam("count") @DefaultValue("20") int count) {
        return String.join("\n", filler.samplePersons(Math.max(1, Math.min(count, 1000)))) + "\n";
    }

    @GET
    public TrailFiller.Progress progress() {
        return filler.progress();
    }
}
