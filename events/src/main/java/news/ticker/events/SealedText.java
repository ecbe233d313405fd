package news.ticker.events;

import java.util.Objects;

/**
 * A text encrypted under a per-update content key (AES-256-GCM). The key travels on the compacted
 * topic {@link Topics#CONTENT_KEYS}; destroying it (a tombstone there and a delete in every store)
 * makes the text unreadable everywhere, in every replay of the immutable log. See docs/events.md,
 * "Removable text".
 *
 * @param keyId the id of the content key: the update id
 * @param nonce base64 of the 12-byte GCM nonce, unique per sealing
 * @param ciphertext base64 of the ciphertext with its 16-byte tag
 */
public record SealedText(String keyId, String nonce, String ciphertext) {
  public SealedText {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(ciphertext, "ciphertext");
  }
}
