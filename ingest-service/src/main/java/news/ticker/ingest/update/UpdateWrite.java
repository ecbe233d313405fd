package news.ticker.ingest.update;

import jakarta.ws.rs.PathParam;
import java.util.UUID;
import news.ticker.ingest.story.StoryWriteParts;
import news.ticker.platform.http.Params;

/**
 * The request parts of a write to one update ({@code @BeanParam}): the story and update of its
 * path, with the write headers. A path id that is not a UUID is a 400 naming the parameter.
 */
public class UpdateWrite extends StoryWriteParts {

  @PathParam("updateId")
  public String updateId;

  public UUID updateId() {
    return Params.uuid("updateId", updateId);
  }
}
