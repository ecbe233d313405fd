package news.ticker.bench.profile;

/** A stack (or a single method) with how many events carried it and their summed duration. */
public record Ranked(StackKey key, long count, long nanos) {

  /** This stack's share of {@code total} events (0 when there are none). */
  public double share(long total) {
    return total == 0 ? 0 : count / (double) total;
  }

  public double seconds() {
    return nanos / 1e9;
  }
}
