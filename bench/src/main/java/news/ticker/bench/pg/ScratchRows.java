package news.ticker.bench.pg;

import java.util.UUID;

/**
 * The texts a write stores beside its event, of the same shape and size as ingest's: the stored
 * response of an update posted (Writes.toStoredResponse: ETag and Location headers, the WriteResult
 * body) and the request hash (SHA-256 hex).
 */
final class ScratchRows {

  private ScratchRows() {}

  /** The scope of the bench's idempotency keys: ingest scopes keys to the caller's subject. */
  static final String SCOPE = "bench-editor";

  static final String ACTOR = "bench-editor";

  static final int CREATED = 201;

  /** A request hash's shape: 64 hexadecimal digits, derived from the key so that it is stable. */
  static String requestHash(UUID idempotencyKey) {
    String half =
        String.format(
            "%016x%016x",
            idempotencyKey.getMostSignificantBits(), idempotencyKey.getLeastSignificantBits());
    return half + half;
  }

  /** The stored headers of a posted update, as JSON. */
  static String responseHeaders(UUID story, UUID update, long version) {
    return "{\"ETag\":\"\\\""
        + version
        + "\\\"\",\"Location\":\"/api/v1/stories/"
        + story
        + "/updates/"
        + update
        + "\"}";
  }

  /** The stored body of a posted update (WriteResult). */
  static String responseBody(UUID story, UUID update, long version) {
    return "{\"id\":\""
        + update
        + "\",\"storyId\":\""
        + story
        + "\",\"version\":"
        + version
        + ",\"changed\":true}";
  }
}
