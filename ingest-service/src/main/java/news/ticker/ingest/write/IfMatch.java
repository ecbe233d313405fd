package news.ticker.ingest.write;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.ticker.platform.problem.ProblemException;

/**
 * The {@code If-Match} precondition of a write: the stream versions (strong ETags {@code "7"}) the
 * client last saw, or {@code *} for "any existing version".
 */
public final class IfMatch {

  public static final String HEADER = "If-Match";
  private static final IfMatch NONE = new IfMatch(false, Set.of());
  private static final Pattern ETAG = Pattern.compile("\\s*\"(\\d{1,18})\"\\s*");

  private final boolean any;
  private final Set<Long> versions;

  private IfMatch(boolean any, Set<Long> versions) {
    this.any = any;
    this.versions = versions;
  }

  /**
   * The precondition of a header value; no header means no precondition.
   *
   * @throws ProblemException 400 when the value is not {@code *} or a list of strong ETags
   */
  public static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    if (header.strip().equals("*")) {
      return new IfMatch(true, Set.of());
    }
    Set<Long> versions = new HashSet<>();
    for (String tag : header.split(",", -1)) {
      Matcher matcher = ETAG.matcher(tag);
      if (!matcher.matches()) {
        throw ProblemException.invalidParameter(
            HEADER, "expected the ETag of a version, e.g. \"7\", or *");
      }
      versions.add(Long.parseLong(matcher.group(1)));
    }
    return new IfMatch(false, Set.copyOf(versions));
  }

  public boolean isPresent() {
    return any || !versions.isEmpty();
  }

  /**
   * Checks the precondition against the stream's current version.
   *
   * @throws ProblemException 412 with the current version when it does not match
   */
  public void check(long currentVersion) {
    if (!isPresent()) {
      return;
    }
    boolean matches = any ? currentVersion > 0 : versions.contains(currentVersion);
    if (!matches) {
      throw ProblemException.preconditionFailed(currentVersion);
    }
  }
}
