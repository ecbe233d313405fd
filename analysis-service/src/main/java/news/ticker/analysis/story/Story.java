package news.ticker.analysis.story;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A story as this service knows it from {@code ticker.story-events}: written only by {@link
 * StoryProjector}, read to check what an analysis refers to.
 */
@Entity
@Table(name = "story")
public class Story extends PanacheEntityBase {

  @Id
  @Column(name = "id")
  public UUID id;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  public StoryStatus status;

  /** The version of the last story event applied. */
  @Column(name = "version", nullable = false)
  public long version;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
