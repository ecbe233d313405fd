package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An admin's skip of what a held story waited for; not generational, so a rebuild replays the
 * decision at the same version.
 */
@Entity
@Table(name = "story_skip")
@IdClass(StorySkip.Key.class)
public class StorySkip extends PanacheEntityBase {

  @Id public UUID storyId;
  @Id public long fromVersion;
  public long toVersion;

  /** {@link StoryProgress#VERSION_GAP} or {@link StoryProgress#MISSING_CONTENT_KEY}. */
  public String kind;

  public Instant skippedAt;

  /** The primary key. */
  public static class Key implements Serializable {
    public UUID storyId;
    public long fromVersion;

    public Key() {}

    public Key(UUID storyId, long fromVersion) {
      this.storyId = storyId;
      this.fromVersion = fromVersion;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && fromVersion == k.fromVersion
          && Objects.equals(storyId, k.storyId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(storyId, fromVersion);
    }
  }
}
