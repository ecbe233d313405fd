package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A rebuild of the read model into a new generation. */
@Entity
@Table(name = "rebuild")
public class RebuildRow extends PanacheEntityBase {
  public static final String RUNNING = "running";
  public static final String SWITCHED = "switched";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  @Id public UUID id;
  public int generation;
  public String status;
  public String requestedBy;
  public String replica;
  public Instant requestedAt;
  public Instant heartbeatAt;
  public Instant finishedAt;

  /** JSON: topic to partition to end offset, captured when the rebuild started. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(end_offsets as text)", write = JsonColumn.WRITE)
  public String endOffsets;

  /** JSON: topic to partition to the rebuild consumer's position. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(positions as text)", write = JsonColumn.WRITE)
  public String positions;

  public long eventsApplied;
  public String error;
}
