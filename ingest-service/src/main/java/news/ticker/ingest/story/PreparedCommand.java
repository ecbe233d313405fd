package news.ticker.ingest.story;

import java.util.List;
import news.ticker.ingest.contentkey.UpdateKey;

/**
 * A command ready to be decided, with the content keys created for it: a key is stored and
 * published only if the decision posts the update it belongs to.
 */
public record PreparedCommand(StoryCommand command, List<UpdateKey> newKeys) {

  public static PreparedCommand of(StoryCommand command) {
    return new PreparedCommand(command, List.of());
  }
}
