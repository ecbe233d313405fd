package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** The current state of one update. */
@Entity
@Table(name = "update_view")
@IdClass(UpdateKey.class)
public class UpdateView extends PanacheEntityBase {
  @Id public int generation;
  @Id public UUID storyId;
  @Id public UUID updateId;
  public String headline;
  public String body;

  /** JSON array of strings. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(authors as text)", write = JsonColumn.WRITE)
  public String authors;

  public boolean keyEvent;
  public boolean pinned;
  public boolean retracted;
  public boolean corrected;
  public String correctionNote;
  public Instant correctedAt;
  public boolean redacted;

  /** The public note of an admin's redaction ({@code update-redacted}), or null. */
  public String redactionReason;

  public Instant redactedAt;
  public String keyId;
  public Instant publishedAt;
  public Instant firstRecordedAt;
  public Instant lastRecordedAt;
  public long postedVersion;
}
