package news.ticker.ingest.importing;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import news.ticker.ingest.story.StoryWriteParts;
import news.ticker.ingest.write.ApiDocs;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk import of updates (migration, backfill). */
@Path("/api/v1/stories/{storyId}/updates:import")
@Tag(name = "Updates")
public class ImportResource {

  public static final String NDJSON = "application/x-ndjson";

  @Inject ImportService imports;
  @Inject SecurityIdentity identity;

  @POST
  @Consumes(NDJSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Import updates in bulk",
      description =
          "One update per line (NDJSON) with the source system's sourceId and original"
              + " publishedAt. The update id derives from story and sourceId, so importing again"
              + " changes nothing and reports the lines as already present. Invalid lines are"
              + " rejected with line number and reason; the valid ones are appended together, in"
              + " one transaction.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = NDJSON,
              schema = @Schema(implementation = ImportLine.class),
              examples =
                  @ExampleObject(
                      name = "two updates",
                      value =
                          """
                          {"sourceId": "cms-1001", "body": "<p>Stembureaus zijn open.</p>", "publishedAt": "2025-03-19T07:00:00-04:00"}
                          {"sourceId": "cms-1002", "headline": "Opkomst hoog", "body": "<p>Om 12 uur had 21 procent gestemd.</p>", "authors": ["Ellen de Vries"], "publishedAt": "2025-03-19T12:05:00-04:00", "keyEvent": true, "pinned": true}""")))
  @APIResponse(
      responseCode = "200",
      description = "Imported; counts per outcome, ETag is the story's version",
      content = @Content(schema = @Schema(implementation = ImportReport.class)))
  @APIResponse(responseCode = "404", description = "No such story")
  @APIResponse(responseCode = "409", description = "The story is closed, or " + ApiDocs.CONTENDED)
  @APIResponse(responseCode = "413", description = "More lines than allowed (5,000 by default)")
  @APIResponse(responseCode = "415", description = "The body is not application/x-ndjson")
  public Uni<Response> importUpdates(@BeanParam StoryWriteParts write, String ndjson) {
    return imports.importUpdates(write.storyId(), WriteContext.of(identity, write), ndjson);
  }
}
