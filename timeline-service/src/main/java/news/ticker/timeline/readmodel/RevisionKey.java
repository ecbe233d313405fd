package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class RevisionKey implements Serializable {
  public int generation;
  public UUID storyId;
  public UUID updateId;
  public long version;

  public RevisionKey() {}

  public RevisionKey(int generation, UUID storyId, UUID updateId, long version) {
    this.generation = generation;
    this.storyId = storyId;
    this.updateId = updateId;
    this.version = version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevisionKey k
        && generation == k.generation
        && Objects.equals(storyId, k.storyId)
        && Objects.equals(updateId, k.updateId)
        && version == k.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, storyId, updateId, version);
  }
}
