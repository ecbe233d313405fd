package news.ticker.ingest.eventstore;

/** The kinds of stream ingest keeps, as written to {@code event_store.stream_type}. */
public enum StreamType {
  STORY("story", 0x73746f72), // "stor"
  ARTICLE("article", 0x61727469); // "arti"

  private final String column;
  private final int lockSpace;

  StreamType(String column, int lockSpace) {
    this.column = column;
    this.lockSpace = lockSpace;
  }

  public String column() {
    return column;
  }

  /**
   * The first key of the advisory locks of streams of this type (the two-key form, which never
   * collides with the single-key locks of the platform).
   */
  public int lockSpace() {
    return lockSpace;
  }
}
