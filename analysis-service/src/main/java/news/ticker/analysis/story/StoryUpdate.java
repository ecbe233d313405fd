package news.ticker.analysis.story;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An update of a story, as far as anchoring an analysis at it is concerned. */
@Entity
@Table(name = "story_update")
public class StoryUpdate extends PanacheEntityBase {

  @Id
  @Column(name = "id")
  public UUID id;

  @Column(name = "story_id", nullable = false)
  public UUID storyId;

  @Column(name = "retracted", nullable = false)
  public boolean retracted;

  @Column(name = "retracted_at")
  public Instant retractedAt;
}
