package news.ticker.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A content key as published on {@link Topics#CONTENT_KEYS} (record key: {@code keyId}). A record
 * with this key and a null value (a tombstone) means the key was destroyed: every text sealed under
 * it is redacted for good.
 *
 * @param keyId the update id the key seals texts of
 * @param storyId the story the update belongs to (the record is sent to the story's partition)
 * @param algorithm always {@code A256GCM}
 * @param key base64 of the 32 key bytes
 * @param createdAt when the key was created
 */
public record ContentKey(
    String keyId, UUID storyId, String algorithm, String key, Instant createdAt) {
  public static final String A256GCM = "A256GCM";
}
