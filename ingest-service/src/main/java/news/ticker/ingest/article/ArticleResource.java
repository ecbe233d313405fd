package news.ticker.ingest.article;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import news.ticker.ingest.write.ApiDocs;
import news.ticker.ingest.write.Patch;
import news.ticker.ingest.write.WriteResult;
import news.ticker.platform.http.ConditionalWriteHeaders;
import news.ticker.platform.http.Params;
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

/** Articles that stories link to; published on {@code ticker.article-events}. */
@Path("/api/v1/articles")
@Tag(name = "Articles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "422", description = ApiDocs.INVALID)
public class ArticleResource {

  @Inject ArticleService articles;
  @Inject SecurityIdentity identity;
  @Inject ObjectMapper mapper;

  @POST
  @RolesAllowed(Roles.EDITOR)
  @Operation(summary = "Publish an article", description = "Publishes an article at version 1.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PublishArticleRequest.class),
              examples =
                  @ExampleObject(
                      name = "background article",
                      value =
                          """
                          {"headline": "Wat de uitslag betekent voor Den Haag",
                           "url": "https://nos.nl/artikel/2563001",
                           "standfirst": "De nieuwe coalitie wil meer autonomie.",
                           "section": "Koninkrijksrelaties",
                           "publishedAt": "2025-03-20T09:00:00+01:00"}""")))
  @APIResponseSchema(
      value = WriteResult.class,
      responseCode = "201",
      responseDescription = "Published; Location is the article, ETag its version")
  public Uni<Response> publish(@BeanParam WriteHeaders headers, PublishArticleRequest request) {
    return articles.publish(WriteContext.of(identity, headers), request);
  }

  @PATCH
  @Path("/{articleId}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Revise an article",
      description =
          "Changes the fields sent; the others keep their value. Stories that link the article"
              + " keep the snapshot they linked until they are linked again.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReviseArticleRequest.class),
              examples =
                  @ExampleObject(
                      name = "new headline",
                      value =
                          "{\"headline\": \"Wat de uitslag op Curaçao betekent voor Den Haag\"}")))
  @APIResponseSchema(
      value = WriteResult.class,
      responseCode = "200",
      responseDescription = "Revised (or already so); ETag is the article's version")
  @APIResponse(responseCode = "404", description = "No such article")
  public Uni<Response> revise(
      @PathParam("articleId") String articleId,
      @BeanParam ConditionalWriteHeaders headers,
      JsonNode fields)
      throws JsonProcessingException {
    UUID id = Params.uuid("articleId", articleId);
    ReviseArticleRequest request = Patch.request(mapper, fields, ReviseArticleRequest.class);
    return articles.revise(id, WriteContext.of(identity, headers), request, fields);
  }
}
