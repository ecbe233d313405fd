package news.ticker.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/** Server-issued ids: time-ordered UUID v7, and name-based ids for idempotent imports. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Namespace of update ids derived from a story id and a source system's id (UUID v5). */
  private static final UUID IMPORT_NAMESPACE =
      UUID.fromString("8d2f6c1e-6f1b-4c55-9e38-3c5b7a0c2b10");

  private Ids() {}

  /**
   * A new UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then randomness; sorts by creation
   * time.
   */
  public static UUID newId() {
    long millis = System.currentTimeMillis();
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long high = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
    ByteBuffer low = ByteBuffer.wrap(random, 2, 8);
    long lowBits = (low.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, lowBits);
  }

  /**
   * The update id of an imported post: the same story and source id always give the same id (UUID
   * v5).
   */
  public static UUID importedUpdateId(UUID storyId, String sourceId) {
    return nameBased(IMPORT_NAMESPACE, storyId + "/" + sourceId);
  }

  static UUID nameBased(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is unavailable in this JVM", e);
    }
  }
}
