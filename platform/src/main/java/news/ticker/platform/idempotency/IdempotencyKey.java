package news.ticker.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import news.ticker.platform.problem.ProblemException;

/**
 * An {@code Idempotency-Key} with what it protects.
 *
 * <p>The one rule of every service: a request's fingerprint covers its method, path, canonical body
 * and {@code If-Match} header. An identical retry under the same key gets the stored answer and
 * changes nothing; the same key with any difference (another body, another path, another or no
 * {@code If-Match}) is a 422 naming {@code Idempotency-Key}, because the client asked something
 * else.
 *
 * @param scope the caller: keys of different callers never collide
 * @param key the client's key
 * @param requestHash the request's fingerprint: SHA-256 of method, path, canonical body and {@code
 *     If-Match}
 */
public record IdempotencyKey(String scope, String key, String requestHash) {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

  /**
   * The key of a request, or null when the client sent none.
   *
   * @param canonicalBody the request body as it identifies the write (re-serialised, so formatting
   *     does not count); empty or null for a request without a body
   * @param ifMatch the {@code If-Match} header as sent, or null without one (a blank one counts as
   *     none)
   * @throws ProblemException 400 naming {@code Idempotency-Key} when the key is malformed
   */
  public static IdempotencyKey of(
      String headerValue,
      String scope,
      String method,
      String path,
      String canonicalBody,
      String ifMatch) {
    if (headerValue == null) {
      return null;
    }
    if (!VALID.matcher(headerValue).matches()) {
      throw ProblemException.invalidParameter(
          HEADER, "1 to 255 printable ASCII characters without spaces");
    }
    return new IdempotencyKey(
        scope, headerValue, fingerprint(method, path, canonicalBody, ifMatch));
  }

  /**
   * The fingerprint of a request. The precondition is appended to the body as a line {@code
   * If-Match: <value>}; a canonical JSON body holds no raw line break, so the two never blur. (This
   * is the form analysis-service stored before the rule moved here, so its stored keys still
   * replay.)
   */
  static String fingerprint(String method, String path, String canonicalBody, String ifMatch) {
    String body = canonicalBody == null ? "" : canonicalBody;
    if (ifMatch != null && !ifMatch.isBlank()) {
      body = body + "\n" + "If-Match" + ": " + ifMatch.strip();
    }
    return hash(method, path, body);
  }

  /** What identifies the key in its table: scope and key, without the fingerprint. */
  public List<String> id() {
    return List.of(scope, key);
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
