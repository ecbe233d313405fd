package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row naming the generation every replica reads and the projection writes. */
@Entity
@Table(name = "timeline_generation")
public class TimelineGenerationRow extends PanacheEntityBase {
  public static final short ID = 1;

  @Id public short id;
  public int activeGeneration;
  public Instant switchedAt;
}
