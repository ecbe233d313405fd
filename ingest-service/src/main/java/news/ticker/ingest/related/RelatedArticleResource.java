package news.ticker.ingest.related;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import news.ticker.ingest.write.WriteResult;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Related articles of a story ("READ: …"). */
@Path("/api/v1/stories/{storyId}/related/{articleId}")
@Tag(name = "Related articles")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "200",
    description = "Done (or already so: changed is false); ETag is the story's version",
    content = @Content(schema = @Schema(implementation = WriteResult.class)))
public class RelatedArticleResource {

  @Inject RelatedArticleService related;
  @Inject SecurityIdentity identity;

  @PUT
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Link a related article",
      description =
          "Links the article with a snapshot of its current headline, url and standfirst. Linking"
              + " it again with an unchanged snapshot changes nothing; after the article was"
              + " revised it refreshes the snapshot.")
  @APIResponse(responseCode = "404", description = "No such story or article")
  public Uni<Response> link(@BeanParam RelatedArticleWrite write) {
    return related.link(write.storyId(), write.articleId(), WriteContext.of(identity, write));
  }

  @DELETE
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Unlink a related article",
      description = "Unlinking an article that is not linked changes nothing.")
  @APIResponse(responseCode = "404", description = "No such story")
  public Uni<Response> unlink(@BeanParam RelatedArticleWrite write) {
    return related.unlink(write.storyId(), write.articleId(), WriteContext.of(identity, write));
  }
}
