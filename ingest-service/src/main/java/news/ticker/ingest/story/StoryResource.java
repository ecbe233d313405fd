package news.ticker.ingest.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import news.ticker.ingest.write.ApiDocs;
import news.ticker.ingest.write.Patch;
import news.ticker.ingest.write.WriteResult;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.http.WriteHeaders;
import news.ticker.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Opening, changing and closing live stories. */
@Path("/api/v1/stories")
@Tag(name = "Stories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "422", description = ApiDocs.INVALID)
public class StoryResource {

  @Inject StoryService stories;
  @Inject SecurityIdentity identity;
  @Inject ObjectMapper mapper;

  @POST
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Open a live story",
      description =
          "Opens a story at version 1. The slug must be unique across stories; without one it is"
              + " derived from the title.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OpenStoryRequest.class),
              examples =
                  @ExampleObject(
                      name = "election night",
                      value =
                          """
                          {"title": "Verkiezingen Curaçao 2025", "slug": "verkiezingen-curacao-2025",
                           "section": "Koninkrijksrelaties", "language": "nl",
                           "summary": "Live verslag van de Statenverkiezingen.",
                           "tags": ["Curaçao", "verkiezingen"],
                           "canonicalUrl": "https://nos.nl/live/verkiezingen-curacao",
                           "coverageStartTime": "2025-03-19T07:00:00-04:00"}""")))
  @APIResponseSchema(
      value = WriteResult.class,
      responseCode = "201",
      responseDescription = "Opened; Location is the story, ETag its version")
  @APIResponse(
      responseCode = "409",
      description = "The slug is taken (errors name slug), or " + ApiDocs.CONTENDED)
  public Uni<Response> open(@BeanParam WriteHeaders headers, OpenStoryRequest request) {
    return stories.open(WriteContext.of(identity, headers), request);
  }

  @PATCH
  @Path("/{storyId}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Change a story's header",
      description =
          "Changes title, section, summary, tags and canonicalUrl. Fields not sent keep their"
              + " value; null clears an optional field. Changing nothing appends nothing.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ChangeStoryRequest.class),
              examples =
                  @ExampleObject(
                      name = "new title and tags",
                      value =
                          """
                          {"title": "Verkiezingen Curaçao: MFK grootste partij",
                           "tags": ["Curaçao", "verkiezingen", "uitslag"]}""")))
  @APIResponseSchema(
      value = WriteResult.class,
      responseCode = "200",
      responseDescription = "Changed (or already so); ETag is the story's version")
  @APIResponse(responseCode = "404", description = "No such story")
  public Uni<Response> change(@BeanParam StoryWriteParts write, JsonNode fields)
      throws JsonProcessingException {
    UUID id = write.storyId();
    ChangeStoryRequest request = Patch.request(mapper, fields, ChangeStoryRequest.class);
    return stories.change(id, WriteContext.of(identity, write), request, fields);
  }

  @POST
  @Path("/{storyId}/close")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Close a story",
      description =
          "Ends the coverage (coverageEndTime, default now); a closed story accepts no new"
              + " updates. Closing a closed story changes nothing.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CloseStoryRequest.class),
              examples =
                  @ExampleObject(
                      name = "coverage ended",
                      value = "{\"coverageEndTime\": \"2025-03-20T01:30:00-04:00\"}")))
  @APIResponseSchema(
      value = WriteResult.class,
      responseCode = "200",
      responseDescription = "Closed (or already closed); ETag is the story's version")
  @APIResponse(responseCode = "404", description = "No such story")
  public Uni<Response> close(@BeanParam StoryWriteParts write, CloseStoryRequest request) {
    return stories.close(write.storyId(), WriteContext.of(identity, write), request);
  }
}
