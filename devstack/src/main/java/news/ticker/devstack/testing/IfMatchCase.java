package news.ticker.devstack.testing;

/**
 * An {@code If-Match} header relative to the version a write will meet, for generated tests of
 * every service's deciders: the header to send, and whether RFC 9110 §13.1.1 says it holds. The
 * answer is written down here independently of the platform's {@code IfMatch}, so it can serve as
 * that class's oracle.
 */
public enum IfMatchCase {
  NONE,
  CURRENT,
  STALE,
  AHEAD,
  ANY,
  WEAK;

  /** The header value at {@code version}, or null for no header. */
  public String header(long version) {
    return switch (this) {
      case NONE -> null;
      case CURRENT -> etag(version);
      case STALE -> etag(version - 1);
      case AHEAD -> etag(version + 1);
      case ANY -> "*";
      case WEAK -> "W/" + etag(version);
    };
  }

  /** Whether the precondition holds for a resource at {@code version} (0: it does not exist). */
  public boolean holdsAt(long version) {
    return switch (this) {
      case NONE, CURRENT -> true;
      case ANY -> version > 0;
      case STALE, AHEAD, WEAK -> false;
    };
  }

  private static String etag(long version) {
    return "\"" + version + "\"";
  }
}
