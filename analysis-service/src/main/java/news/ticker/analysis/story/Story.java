package news.ticker.analysis.story;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import news.ticker.analysis.UuidEntity;

/**
 * A story as this service knows it from {@code ticker.story-events}: written only by {@link
 * StoryProjector}, read to check what an analysis refers to.
 */
@Entity
@Table(name = "story")
public class Story extends UuidEntity {

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  public StoryStatus status;

  /** The version of the last story event applied. */
  @Column(name = "version", nullable = false)
  public long version;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
