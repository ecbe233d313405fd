package news.ticker.analysis.story;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import news.ticker.analysis.UuidEntity;

/** An update of a story, as far as anchoring an analysis at it is concerned. */
@Entity
@Table(name = "story_update")
public class StoryUpdate extends UuidEntity {

  @Column(name = "story_id", nullable = false)
  public UUID storyId;

  @Column(name = "retracted", nullable = false)
  public boolean retracted;

  @Column(name = "retracted_at")
  public Instant retractedAt;
}
