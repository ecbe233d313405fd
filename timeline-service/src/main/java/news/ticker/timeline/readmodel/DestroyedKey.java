package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A content key known to be destroyed. */
@Entity
@Table(name = "destroyed_key")
public class DestroyedKey extends PanacheEntityBase {
  @Id public String keyId;
  public Instant destroyedAt;
}
