package news.ticker.timeline.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import news.ticker.platform.http.Params;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.security.Actor;
import news.ticker.platform.security.Roles;
import news.ticker.timeline.projection.HeldStories;
import news.ticker.timeline.readmodel.StoryProgress;
import news.ticker.timeline.rebuild.RebuildService;
import org.jboss.resteasy.reactive.RestResponse;

/** Operations on the projection, for admins. */
@Path("/api/v1/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  @Inject HeldStories heldStories;
  @Inject RebuildService rebuilds;
  @Inject SecurityIdentity identity;

  /** The projection state of one story. */
  public record StoryProjectionState(
      UUID storyId,
      long appliedVersion,
      boolean degraded,
      String holdReason,
      String waitingKeyId,
      long skippedVersions) {

    static StoryProjectionState of(StoryProgress progress) {
      return new StoryProjectionState(
          progress.storyId,
          progress.appliedVersion,
          progress.held(),
          progress.holdReason,
          progress.waitingKeyId,
          progress.skippedVersions);
    }
  }

  /**
   * {@code gap:retry} re-reads the story's events from Kafka and applies what it was held for, if
   * it can; {@code gap:skip} gives up on what the story is held for and lets it continue. (One
   * method: a literal colon after a path parameter does not match as a separate template.)
   */
  @POST
  @Path("stories/{storyId}/{operation}")
  public Uni<StoryProjectionState> gapOperation(
      @PathParam("storyId") String storyIdParam, @PathParam("operation") String operation) {
    UUID storyId = Params.uuid("storyId", storyIdParam);
    Uni<?> work =
        switch (operation) {
          case "gap:retry" -> known(storyId).chain(() -> heldStories.retryFromKafka(storyId));
          case "gap:skip" -> known(storyId).chain(() -> heldStories.skip(storyId));
          default -> throw new NotFoundException("no operation " + operation);
        };
    return work.chain(() -> heldStories.progress(storyId)).map(StoryProjectionState::of);
  }

  @GET
  @Path("stories/{storyId}/projection")
  public Uni<StoryProjectionState> projection(@PathParam("storyId") String storyIdParam) {
    UUID storyId = Params.uuid("storyId", storyIdParam);
    return known(storyId).map(StoryProjectionState::of);
  }

  private Uni<StoryProgress> known(UUID storyId) {
    return heldStories
        .progress(storyId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("story", storyId));
  }

  /** Starts a rebuild of the read model by replay: 202 and the status resource. */
  @POST
  @Path("rebuilds")
  public Uni<RestResponse<Object>> rebuild(@jakarta.ws.rs.core.Context UriInfo uri) {
    return rebuilds
        .start(Actor.of(identity))
        .map(
            status ->
                RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED, (Object) status)
                    .location(
                        uri.getBaseUriBuilder()
                            .path("api/v1/admin/rebuilds/{id}")
                            .build(status.id()))
                    .build());
  }

  /**
   * Cancels a running rebuild: 200 and its status, now {@code cancelled}. Its partial generation is
   * dropped; the active one is untouched. 409 for a rebuild that already switched or failed.
   */
  @POST
  @Path("rebuilds/{id}/cancel")
  public Uni<Object> cancelRebuild(@PathParam("id") String idParam) {
    UUID id = Params.uuid("id", idParam);
    return rebuilds.cancel(id, Actor.of(identity)).map(status -> (Object) status);
  }

  @GET
  @Path("rebuilds/{id}")
  public Uni<Object> rebuildStatus(@PathParam("id") String idParam) {
    UUID id = Params.uuid("id", idParam);
    return rebuilds.status(id).map(status -> (Object) status);
  }
}
