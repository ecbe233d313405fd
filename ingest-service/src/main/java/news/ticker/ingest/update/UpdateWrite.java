package news.ticker.ingest.update;

import jakarta.ws.rs.PathParam;
import java.util.UUID;
import news.ticker.platform.http.ConditionalWriteHeaders;
import news.ticker.platform.http.Params;

/**
 * The request parts of a write to one update ({@code @BeanParam}): the story and update of its
 * path, with the write headers. A path id that is not a UUID is a 400 naming the parameter.
 */
public class UpdateWrite extends ConditionalWriteHeaders {

  @PathParam("storyId")
  public String storyId;

  @PathParam("updateId")
  public String updateId;

  public UUID storyId() {
    return Params.uuid("storyId", storyId);
  }

  public UUID updateId() {
    return Params.uuid("updateId", updateId);
  }
}
