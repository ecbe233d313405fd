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

/** An event of a held story, parked as received until the story can continue. */
@Entity
@Table(name = "held_event")
@IdClass(StoryVersionKey.class)
public class HeldEvent extends PanacheEntityBase {
  @Id public int generation;
  @Id public UUID storyId;
  @Id public long version;

  /** JSON object of the record's CloudEvents headers. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(headers as text)", write = JsonColumn.WRITE)
  public String headers;

  public String payload;
  public Instant heldAt;
}
