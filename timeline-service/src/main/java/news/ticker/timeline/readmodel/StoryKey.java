package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class StoryKey implements Serializable {
  public int generation;
  public UUID storyId;

  public StoryKey() {}

  public StoryKey(int generation, UUID storyId) {
    this.generation = generation;
    this.storyId = storyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryKey k
        && generation == k.generation
        && Objects.equals(storyId, k.storyId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, storyId);
  }
}
