package news.ticker.ingest.update;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import news.ticker.ingest.story.StoryCommand;
import news.ticker.ingest.story.StoryWriteParts;
import news.ticker.ingest.write.ApiDocs;
import news.ticker.ingest.write.WriteResult;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Updates of a live story: post, edit or correct, retract, redact, pin, mark as key event. */
@Path("/api/v1/stories/{storyId}/updates")
@Tag(name = "Updates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such story, or no such update in it")
public class UpdateResource {

  private static final String DONE =
      "Done (or already so: changed is false); ETag is the story's version";
  private static final String LIVE_UPDATE_CONFLICT =
      "The update was retracted, or " + ApiDocs.CONTENDED;

  @Inject UpdateService updates;
  @Inject SecurityIdentity identity;

  @POST
  @RolesAllowed(Roles.REPORTER)
  @Operation(
      summary = "Post an update",
      description =
          "Posts an update to an open story. With pinned=true it replaces the pinned update (which"
              + " is unpinned first).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PostUpdateRequest.class),
              examples =
                  @ExampleObject(
                      name = "first results",
                      value =
                          """
                          {"headline": "MFK ligt voor",
                           "body": "<p>De eerste uitslagen zijn binnen: <strong>MFK</strong> ligt voor.</p>",
                           "authors": ["Ellen de Vries"], "keyEvent": true, "pinned": false,
                           "publishedAt": "2025-03-19T21:14:00-04:00"}""")))
  @APIResponseSchema(
      value = WriteResult.class,
      responseCode = "201",
      responseDescription = "Posted; Location is the update, ETag the story's version")
  @APIResponse(responseCode = "409", description = "The story is closed, or " + ApiDocs.CONTENDED)
  @APIResponse(
      responseCode = "413",
      description = "The body is over the limit (256 KiB by default); errors name body")
  @APIResponse(
      responseCode = "422",
      description = ApiDocs.INVALID + " (e.g. a body that is empty after sanitising)")
  public Uni<Response> post(@BeanParam StoryWriteParts write, PostUpdateRequest request) {
    return updates.post(write.storyId(), WriteContext.of(identity, write), request);
  }

  @PUT
  @Path("/{updateId}")
  @RolesAllowed(Roles.REPORTER)
  @Operation(
      summary = "Edit or correct an update",
      description =
          "Replaces the update's content. headline and authors keep their value when absent. With"
              + " correction the change is a correction shown to readers, otherwise a silent edit.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EditUpdateRequest.class),
              examples = {
                @ExampleObject(
                    name = "silent edit",
                    value =
                        "{\"body\": \"<p>De eerste uitslagen zijn binnen: MFK ligt ruim voor.</p>\"}"),
                @ExampleObject(
                    name = "correction",
                    value =
                        """
                        {"body": "<p>De opkomst was 43 procent.</p>",
                         "correction": "Eerder stond hier dat de opkomst 38 procent was."}""")
              }))
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  @APIResponse(responseCode = "409", description = LIVE_UPDATE_CONFLICT)
  @APIResponse(
      responseCode = "413",
      description = "The body is over the limit (256 KiB by default); errors name body")
  @APIResponse(responseCode = "422", description = ApiDocs.INVALID)
  public Uni<Response> edit(@BeanParam UpdateWrite write, EditUpdateRequest request) {
    return updates.edit(
        write.storyId(), write.updateId(), WriteContext.of(identity, write), request);
  }

  @DELETE
  @Path("/{updateId}")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Retract an update",
      description =
          "Withdraws the update from the feed, with a reason (in the body, or as query parameter"
              + " for clients that cannot send a body with DELETE). Its history stays public."
              + " Retracting a retracted update changes nothing.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RetractUpdateRequest.class),
              examples =
                  @ExampleObject(
                      name = "unreliable source",
                      value = "{\"reason\": \"Bron bleek onbetrouwbaar\"}")))
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  @APIResponse(responseCode = "422", description = "No reason given; errors name reason")
  public Uni<Response> retract(
      @Parameter(description = "The reason, when it is not sent in the body") @QueryParam("reason")
          String reason,
      @BeanParam UpdateWrite write,
      RetractUpdateRequest request) {
    RetractUpdateRequest retraction =
        request == null && reason != null ? new RetractUpdateRequest(reason) : request;
    return updates.retract(
        write.storyId(), write.updateId(), WriteContext.of(identity, write), retraction);
  }

  @POST
  @Path("/{updateId}/redact")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Redact an update (admin)",
      description =
          "Removes the update's texts for good (a court order, a source's safety): its content key"
              + " is destroyed, so headline, body and correction notes of every version disappear"
              + " from every read and every replay of the log. The update stays in the story as a"
              + " tombstone showing the reason, a public note. A redacted update cannot be edited,"
              + " pinned or marked any more (409). Redacting it again changes nothing (200,"
              + " changed false).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RedactUpdateRequest.class),
              examples =
                  @ExampleObject(
                      name = "court order",
                      value = "{\"reason\": \"Removed by court order\"}")))
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  @APIResponse(
      responseCode = "422",
      description = "No reason given, or one over 1000 characters; errors name reason")
  public Uni<Response> redact(@BeanParam UpdateWrite write, RedactUpdateRequest request) {
    return updates.redact(
        write.storyId(), write.updateId(), WriteContext.of(identity, write), request);
  }

  @PUT
  @Path("/{updateId}/pin")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Pin an update",
      description =
          "Pins the update on top of the feed; the update pinned before is unpinned first."
              + " Pinning the pinned update changes nothing.")
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  @APIResponse(responseCode = "409", description = LIVE_UPDATE_CONFLICT)
  public Uni<Response> pin(@BeanParam UpdateWrite write) {
    return flag(write, StoryCommand.PinUpdate::new);
  }

  @DELETE
  @Path("/{updateId}/pin")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Unpin an update",
      description = "Unpinning an update that is not pinned changes nothing.")
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  public Uni<Response> unpin(@BeanParam UpdateWrite write) {
    return flag(write, StoryCommand.UnpinUpdate::new);
  }

  @PUT
  @Path("/{updateId}/key-event")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Mark an update as key event",
      description = "Marking a key event again changes nothing.")
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  @APIResponse(responseCode = "409", description = LIVE_UPDATE_CONFLICT)
  public Uni<Response> markKeyEvent(@BeanParam UpdateWrite write) {
    return flag(write, StoryCommand.MarkKeyEvent::new);
  }

  @DELETE
  @Path("/{updateId}/key-event")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Unmark a key event",
      description = "Unmarking an update that is no key event changes nothing.")
  @APIResponseSchema(value = WriteResult.class, responseCode = "200", responseDescription = DONE)
  public Uni<Response> unmarkKeyEvent(@BeanParam UpdateWrite write) {
    return flag(write, StoryCommand.UnmarkKeyEvent::new);
  }

  private Uni<Response> flag(UpdateWrite write, UpdateService.Flag flag) {
    return updates.flag(write.storyId(), write.updateId(), WriteContext.of(identity, write), flag);
  }
}
