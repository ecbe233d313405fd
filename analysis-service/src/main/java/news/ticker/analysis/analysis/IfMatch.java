package news.ticker.analysis.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.ticker.platform.problem.ProblemException;

/**
 * An {@code If-Match} header (RFC 9110): {@code *} or a list of entity tags; ours are the version
 * in quotes, {@code "3"}. A weak tag ({@code W/"3"}) is compared by its value. Absent means
 * "whatever the current version is".
 */
final class IfMatch {

  static final String HEADER = "If-Match";

  private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"([^\"]*)\"\\s*");

  private final boolean any;
  private final List<String> tags;

  private IfMatch(boolean any, List<String> tags) {
    this.any = any;
    this.tags = tags;
  }

  /**
   * @throws ProblemException 400 naming {@code If-Match} when the header is not a valid list of
   *     entity tags
   */
  static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      return new IfMatch(true, List.of());
    }
    if (header.strip().equals("*")) {
      return new IfMatch(true, List.of());
    }
    List<String> tags = new ArrayList<>();
    for (String part : header.split(",")) {
      Matcher m = TAG.matcher(part);
      if (!m.matches()) {
        throw ProblemException.invalidParameter(
            HEADER, "expected the quoted version from the ETag, e.g. \"3\"");
      }
      tags.add(m.group(1));
    }
    return new IfMatch(false, List.copyOf(tags));
  }

  /**
   * @throws ProblemException 412 with the current ETag when no tag matches the current version
   */
  void check(long currentVersion) {
    if (!any && !tags.contains(Long.toString(currentVersion))) {
      throw ProblemException.preconditionFailed(currentVersion);
    }
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }
}
