package news.ticker.timeline.readcache;

/**
 * What decides whether a reader's copy of a current read is still good: the story's view row as the
 * database showed it (generation, version, representation stamp) and whether the story is held
 * (degraded). Any change readers could see changes one of them.
 *
 * @param generation the read model generation the row belongs to
 * @param version the last story version applied to the view
 * @param representation bumped when what readers see changes without a new version (an article
 *     revised, a content key destroyed)
 * @param degraded whether the story is held at a gap; only the header shows it
 */
public record Validator(int generation, long version, long representation, boolean degraded) {

  /** The variant of the story's header (JSON), the only one that shows {@code degraded}. */
  public static final String HEADER = "story";

  /** The strong ETag of the representation {@code variant} of the story under this validator. */
  public String tag(String variant) {
    return "\"g"
        + generation
        + "v"
        + version
        + "r"
        + representation
        + (degraded && HEADER.equals(variant) ? "d" : "")
        + "-"
        + variant
        + "\"";
  }

  /** Whether this validator is at least as new as {@code other} (same generation). */
  boolean atLeast(Validator other) {
    return version > other.version
        || version == other.version && representation >= other.representation;
  }
}
