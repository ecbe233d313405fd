package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * How far a story is projected: the last applied version, written in the same transaction as the
 * views (effectively once), and the hold of a degraded story.
 */
@Entity
@Table(name = "story_progress")
@IdClass(StoryKey.class)
public class StoryProgress extends PanacheEntityBase {
  public static final String VERSION_GAP = "version-gap";
  public static final String MISSING_CONTENT_KEY = "missing-content-key";

  @Id public int generation;
  @Id public UUID storyId;
  public long appliedVersion;

  /** Not null while the story is held (degraded); later events are parked in held_event. */
  public Instant heldSince;

  public String holdReason;
  public String waitingKeyId;
  public long skippedVersions;

  public boolean held() {
    return heldSince != null;
  }
}
