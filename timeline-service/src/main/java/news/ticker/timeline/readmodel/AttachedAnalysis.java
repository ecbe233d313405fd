package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An analysis attached to a story, optionally anchored at one update. */
@Entity
@Table(name = "attached_analysis")
@IdClass(AnalysisKey.class)
public class AttachedAnalysis extends PanacheEntityBase {
  @Id public int generation;
  @Id public UUID storyId;
  @Id public UUID analysisId;
  public String title;
  public String standfirst;
  public int readingTimeMinutes;
  public String link;
  public UUID anchorUpdateId;
  public long attachedVersion;
  public Instant attachedAt;

  /** The public note of an admin's redaction (title and standfirst are then null), or null. */
  public String redactionReason;

  public Instant redactedAt;
}
