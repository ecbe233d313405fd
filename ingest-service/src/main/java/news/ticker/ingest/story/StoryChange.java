package news.ticker.ingest.story;

import java.util.List;
import news.ticker.events.StoryEvent;

/** What a command did to a story: the state before and after, and the events in between. */
public record StoryChange(StoryState before, StoryState after, List<StoryEvent> events) {

  /** False when the command changed nothing (it was already so). */
  public boolean changed() {
    return !events.isEmpty();
  }
}
