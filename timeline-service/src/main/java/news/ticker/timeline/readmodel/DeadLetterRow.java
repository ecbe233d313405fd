package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A poison record this service sent to its dead-letter topic. */
@Entity
@Table(name = "dead_letter")
public class DeadLetterRow extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String topic;

  @Column(name = "partition_no")
  public int partitionNo;

  public long recordOffset;
  public String recordKey;
  public String reason;
  public String detail;
  public Instant deadLetteredAt;
}
