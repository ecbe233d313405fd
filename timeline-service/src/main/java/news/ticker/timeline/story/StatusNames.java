package news.ticker.timeline.story;

/** The public story statuses. */
public final class StatusNames {
  public static final String LIVE = "live";
  public static final String CLOSED = "closed";

  private StatusNames() {}
}
