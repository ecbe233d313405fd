package news.ticker.ingest.related;

import jakarta.ws.rs.PathParam;
import java.util.UUID;
import news.ticker.ingest.story.StoryWriteParts;
import news.ticker.platform.http.Params;

/**
 * The request parts of a write to one related article of a story ({@code @BeanParam}): story and
 * article of its path, with the write headers. A path id that is not a UUID is a 400 naming the
 * parameter.
 */
public class RelatedArticleWrite extends StoryWriteParts {

  @PathParam("articleId")
  public String articleId;

  public UUID articleId() {
    return Params.uuid("articleId", articleId);
  }
}
