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
import news.ticker.timeline.rebuild.RebuildStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Operations on the projection, for admins. */
@Tag(name = "Admin", description = "Operations on the projection (role admin)")
@Path("/api/v1/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  @Inject HeldStories heldStories;
  @Inject RebuildService rebuilds;
  @Inject SecurityIdentity identity;

  /** The projection state of one story. */
  @Schema(description = "How far the projection applied a story, and what holds it")
  public record StoryProjectionState(
      UUID storyId,
      long appliedVersion,
      @Schema(description = "Held at a gap or a missing content key: reads may be behind")
          boolean degraded,
      @Schema(
              nullable = true,
              enumeration = {StoryProgress.VERSION_GAP, StoryProgress.MISSING_CONTENT_KEY})
          String holdReason,
      @Schema(nullable = true, description = "The content key the story waits for")
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
  @APIResponse(
      responseCode = "200",
      description = "The story's projection state after the operation",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StoryProjectionState.class),
              examples = @ExampleObject(name = "held", ref = "projection")))
  @APIResponse(responseCode = "404", description = "No such story, or no such operation")
  @Operation(operationId = "applyGapOperation", summary = "Retry or skip what holds a story")
  @POST
  @Path("stories/{storyId}/{operation}")
  public Uni<StoryProjectionState> gapOperation(
      @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("storyId")
          String storyIdParam,
      @Parameter(schema = @Schema(enumeration = {"gap:retry", "gap:skip"})) @PathParam("operation")
          String operation) {
    UUID storyId = Params.uuid("storyId", storyIdParam);
    Uni<?> work =
        switch (operation) {
          case "gap:retry" -> known(storyId).chain(() -> heldStories.retryFromKafka(storyId));
          case "gap:skip" -> known(storyId).chain(() -> heldStories.skip(storyId));
          default -> throw new NotFoundException("no operation " + operation);
        };
    return work.chain(() -> heldStories.progress(storyId)).map(StoryProjectionState::of);
  }

  @APIResponse(
      responseCode = "200",
      description = "The story's projection state",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StoryProjectionState.class),
              examples = @ExampleObject(name = "held", ref = "projection")))
  @APIResponse(responseCode = "404", description = "No such story")
  @Operation(operationId = "getProjection", summary = "A story's projection state")
  @GET
  @Path("stories/{storyId}/projection")
  public Uni<StoryProjectionState> projection(
      @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("storyId")
          String storyIdParam) {
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
  @APIResponse(
      responseCode = "202",
      description = "The rebuild started; Location is its status resource",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RebuildStatus.class),
              examples = @ExampleObject(name = "running", ref = "rebuild")))
  @Operation(operationId = "startRebuild", summary = "Start a rebuild of the read model")
  @POST
  @Path("rebuilds")
  public Uni<RestResponse<RebuildStatus>> rebuild(@jakarta.ws.rs.core.Context UriInfo uri) {
    return rebuilds
        .start(Actor.of(identity))
        .map(
            status ->
                RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED, status)
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
  @APIResponse(
      responseCode = "200",
      description = "The rebuild, now cancelled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RebuildStatus.class),
              examples = @ExampleObject(name = "running", ref = "rebuild")))
  @APIResponse(responseCode = "404", description = "No such rebuild")
  @Operation(operationId = "cancelRebuild", summary = "Cancel a running rebuild")
  @POST
  @Path("rebuilds/{id}/cancel")
  public Uni<RebuildStatus> cancelRebuild(
      @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id")
          String idParam) {
    UUID id = Params.uuid("id", idParam);
    return rebuilds.cancel(id, Actor.of(identity));
  }

  @APIResponse(
      responseCode = "200",
      description = "The rebuild's status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RebuildStatus.class),
              examples = @ExampleObject(name = "running", ref = "rebuild")))
  @APIResponse(responseCode = "404", description = "No such rebuild")
  @Operation(operationId = "getRebuild", summary = "A rebuild's status")
  @GET
  @Path("rebuilds/{id}")
  public Uni<RebuildStatus> rebuildStatus(
      @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id")
          String idParam) {
    UUID id = Params.uuid("id", idParam);
    return rebuilds.status(id);
  }
}
