package news.ticker.ingest.story;

import jakarta.ws.rs.PathParam;
import java.util.UUID;
import news.ticker.platform.http.ConditionalWriteHeaders;
import news.ticker.platform.http.Params;

/**
 * The request parts of a write to one story ({@code @BeanParam}): the story of its path, with the
 * write headers. A story id that is not a UUID is a 400 naming the parameter.
 */
public class StoryWriteParts extends ConditionalWriteHeaders {

  @PathParam("storyId")
  public String storyId;

  public UUID storyId() {
    return Params.uuid("storyId", storyId);
  }
}
