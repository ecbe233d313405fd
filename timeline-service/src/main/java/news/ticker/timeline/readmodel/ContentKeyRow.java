package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A content key from ticker.content-keys. */
@Entity
@Table(name = "content_key")
public class ContentKeyRow extends PanacheEntityBase {
  @Id public String keyId;
  public UUID storyId;

  /** Base64 of the key bytes. */
  public String keyMaterial;

  public Instant createdAt;
  public Instant storedAt;
}
