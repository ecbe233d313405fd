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

/** One entry of an update's public history. */
@Entity
@Table(name = "update_revision")
@IdClass(RevisionKey.class)
public class UpdateRevision extends PanacheEntityBase {
  public static final String POSTED = "posted";
  public static final String EDITED = "edited";
  public static final String CORRECTED = "corrected";
  public static final String RETRACTED = "retracted";

  /** An admin redacted the update; {@code note} is the public reason. */
  public static final String REDACTED = "redacted";

  @Id public int generation;
  @Id public UUID storyId;
  @Id public UUID updateId;
  @Id public long version;
  public String kind;
  public String headline;
  public String body;

  /** JSON array of strings, or null for a retraction. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(authors as text)", write = JsonColumn.WRITE)
  public String authors;

  public String note;
  public boolean redacted;
  public String keyId;
  public Instant recordedAt;
}
