package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class StoryVersionKey implements Serializable {
  public int generation;
  public UUID storyId;
  public long version;

  public StoryVersionKey() {}

  public StoryVersionKey(int generation, UUID storyId, long version) {
    this.generation = generation;
    this.storyId = storyId;
    this.version = version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryVersionKey k
        && generation == k.generation
        && Objects.equals(storyId, k.storyId)
        && version == k.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, storyId, version);
  }
}
