package news.ticker.timeline.readmodel;

/** SQL fragments that map a {@code jsonb} column to a Java string and back. */
final class JsonColumn {
  /**
   * The parameter is typed as text first: cast directly, PostgreSQL would infer it as jsonb, and
   * the reactive driver would then send the Java string as a JSON string scalar.
   */
  static final String WRITE = "cast(cast(? as text) as jsonb)";

  private JsonColumn() {}
}
