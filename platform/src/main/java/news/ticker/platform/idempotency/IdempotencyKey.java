package news.ticker.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import news.ticker.platform.problem.ProblemException;

/**
 * An {@code Idempotency-Key} with what it protects.
 *
 * @param scope the caller: keys of different callers never collide
 * @param key the client's key
 * @param requestHash the hash of method, path and canonical body: the same key with another request
 *     is a 422
 */
public record IdempotencyKey(String scope, String key, String requestHash) {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

  /** The key of a request, or null when the client sent none. */
  public static IdempotencyKey of(
      String headerValue, String scope, String method, String path, String canonicalBody) {
    if (headerValue == null) {
      return null;
    }
    if (!VALID.matcher(headerValue).matches()) {
      throw ProblemException.invalidParameter(
          HEADER, "1 to 255 printable ASCII characters without spaces");
    }
    return new IdempotencyKey(scope, headerValue, hash(method, path, canonicalBody));
  }

  static String hash(String method, String path, String body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(method.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(path.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
