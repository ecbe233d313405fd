package news.ticker.ingest.contentkey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored content key; {@code keyBytes} is null once the key was destroyed. */
@Entity
@Table(name = "content_keys")
public class ContentKeyEntity {

  /** The update whose texts the key seals. */
  @Id
  @Column(name = "key_id")
  public UUID keyId;

  @Column(name = "story_id", nullable = false)
  public UUID storyId;

  @Column(name = "key_bytes")
  public byte[] keyBytes;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "destroyed_at")
  public Instant destroyedAt;
}
