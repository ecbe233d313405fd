package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class UpdateKey implements Serializable {
  public int generation;
  public UUID storyId;
  public UUID updateId;

  public UpdateKey() {}

  public UpdateKey(int generation, UUID storyId, UUID updateId) {
    this.generation = generation;
    this.storyId = storyId;
    this.updateId = updateId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateKey k
        && generation == k.generation
        && Objects.equals(storyId, k.storyId)
        && Objects.equals(updateId, k.updateId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, storyId, updateId);
  }
}
