package news.ticker.ingest.contentkey;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import news.ticker.events.ContentCipher;
import news.ticker.events.ContentKey;
import news.ticker.events.SealedText;

/**
 * The content key of one update: every text of the update (headline, body, correction notes, in
 * every version) is sealed under it, so destroying it removes all of them at once.
 */
public final class UpdateKey {

  private final UUID updateId;
  private final UUID storyId;
  private final byte[] secret;
  private final Instant createdAt;

  private UpdateKey(UUID updateId, UUID storyId, byte[] secret, Instant createdAt) {
    this.updateId = updateId;
    this.storyId = storyId;
    this.secret = secret;
    this.createdAt = createdAt;
  }

  /** A fresh random key for an update being posted. */
  public static UpdateKey create(UUID storyId, UUID updateId, Instant createdAt) {
    return new UpdateKey(updateId, storyId, ContentCipher.newKey(), createdAt);
  }

  static UpdateKey stored(ContentKeyEntity entity) {
    return new UpdateKey(entity.keyId, entity.storyId, entity.keyBytes, entity.createdAt);
  }

  /** Seals a text of this update; null stays null. */
  public SealedText seal(String plaintext) {
    return ContentCipher.seal(updateId.toString(), secret, plaintext);
  }

  public UUID updateId() {
    return updateId;
  }

  public UUID storyId() {
    return storyId;
  }

  /** The key as published on {@code ticker.content-keys}. */
  ContentKey published() {
    return new ContentKey(
        updateId.toString(),
        storyId,
        ContentKey.A256GCM,
        Base64.getEncoder().encodeToString(secret),
        createdAt);
  }

  ContentKeyEntity toEntity() {
    ContentKeyEntity entity = new ContentKeyEntity();
    entity.keyId = updateId;
    entity.storyId = storyId;
    entity.keyBytes = secret.clone();
    entity.createdAt = createdAt;
    return entity;
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "UpdateKey[" + updateId + "]";
  }
}
