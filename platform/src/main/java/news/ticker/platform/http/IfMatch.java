package news.ticker.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.PreconditionFailed;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.Rejections;

/**
 * The {@code If-Match} precondition of a write to a versioned resource whose {@code ETag} is its
 * version in quotes ({@code "7"}), by RFC 9110 §13.1.1:
 *
 * <ul>
 *   <li>no header (or a blank one): no precondition;
 *   <li>{@code *}: true when the resource exists (a version above 0);
 *   <li>a list of entity tags: true when one of them equals the current {@code ETag} by the
 *       <em>strong</em> comparison, so a weak tag ({@code W/"7"}) never matches and is a 412, like
 *       any tag that is not the current version;
 *   <li>anything else is malformed: 400 naming {@code If-Match}.
 * </ul>
 *
 * Empty list elements are ignored (RFC 9110 §5.6.1); an opaque tag may hold commas.
 */
public final class IfMatch {

  public static final String HEADER = "If-Match";

  private static final IfMatch NONE = new IfMatch(null, false, List.of());

  private final String header;
  private final boolean any;
  private final List<String> strongTags;

  private IfMatch(String header, boolean any, List<String> strongTags) {
    this.header = header;
    this.any = any;
    this.strongTags = strongTags;
  }

  /**
   * The precondition of a header value.
   *
   * @throws ProblemException 400 naming {@code If-Match} when the value is neither {@code *} nor a
   *     list of entity tags
   */
  public static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    String value = header.strip();
    if (value.equals("*")) {
      return new IfMatch(value, true, List.of());
    }
    List<String> strong = new ArrayList<>();
    int tags = 0;
    int i = 0;
    int n = value.length();
    while (true) {
      i = skipWhitespace(value, i);
      if (i == n) {
        break;
      }
      if (value.charAt(i) == ',') {
        i++;
        continue;
      }
      boolean weak = value.startsWith("W/", i);
      if (weak) {
        i += 2;
      }
      if (i == n || value.charAt(i) != '"') {
        throw malformed();
      }
      int close = value.indexOf('"', i + 1);
      if (close < 0) {
        throw malformed();
      }
      String opaque = value.substring(i + 1, close);
      if (!opaque.chars().allMatch(IfMatch::isEtagChar)) {
        throw malformed();
      }
      if (!weak) {
        strong.add(opaque);
      }
      tags++;
      i = skipWhitespace(value, close + 1);
      if (i < n && value.charAt(i) != ',') {
        throw malformed();
      }
    }
    if (tags == 0) {
      throw malformed();
    }
    return new IfMatch(value, false, List.copyOf(strong));
  }

  /** The strong {@code ETag} of a version. */
  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  public boolean isPresent() {
    return header != null;
  }

  /**
   * The header as sent, without surrounding whitespace, or null without a precondition: part of
   * what identifies a request for its {@code Idempotency-Key}.
   */
  public String header() {
    return header;
  }

  /** Whether the precondition holds for the resource's current version (0: it does not exist). */
  public boolean matches(long currentVersion) {
    if (header == null) {
      return true;
    }
    if (any) {
      return currentVersion > 0;
    }
    return strongTags.contains(Long.toString(currentVersion));
  }

  /** A {@link PreconditionFailed} with the current version when the precondition does not hold. */
  public Optional<Rejection> refusal(long currentVersion) {
    return matches(currentVersion)
        ? Optional.empty()
        : Optional.of(new PreconditionFailed(currentVersion));
  }

  /**
   * @throws ProblemException 412 with the current {@code ETag} when the precondition does not hold
   */
  public void check(long currentVersion) {
    Rejections.throwIfAny(refusal(currentVersion));
  }

  @Override
  public String toString() {
    return header == null ? "(no If-Match)" : header;
  }

  private static int skipWhitespace(String value, int from) {
    int i = from;
    while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** {@code etagc = %x21 / %x23-7E / obs-text}: visible characters but the quote, or obs-text. */
  private static boolean isEtagChar(int c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
  }

  private static ProblemException malformed() {
    return ProblemException.invalidParameter(
        HEADER, "expected * or a list of entity tags, e.g. \"7\" (the ETag you read)");
  }
}
