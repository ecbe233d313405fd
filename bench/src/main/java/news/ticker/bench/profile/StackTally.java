package news.ticker.bench.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts events and sums their durations by stack, and answers the top stacks. */
public final class StackTally {

  private final Map<StackKey, long[]> byStack = new HashMap<>();
  private long count;
  private long nanos;

  public void add(StackKey key, long durationNanos) {
    long[] t = byStack.computeIfAbsent(key, k -> new long[2]);
    t[0]++;
    t[1] += durationNanos;
    count++;
    nanos += durationNanos;
  }

  /** All events added. */
  public long count() {
    return count;
  }

  /** The durations of all events added, summed. */
  public long nanos() {
    return nanos;
  }

  /** The {@code n} stacks that most events carried (ties: the longer total time first). */
  public List<Ranked> topByCount(int n) {
    return top(
        n,
        Comparator.comparingLong(Ranked::count)
            .thenComparingLong(Ranked::nanos)
            .reversed()
            .thenComparing(r -> r.key().toString()));
  }

  /** The {@code n} stacks with the longest summed duration (ties: the more events first). */
  public List<Ranked> topByTime(int n) {
    return top(
        n,
        Comparator.comparingLong(Ranked::nanos)
            .thenComparingLong(Ranked::count)
            .reversed()
            .thenComparing(r -> r.key().toString()));
  }

  private List<Ranked> top(int n, Comparator<Ranked> order) {
    return byStack.entrySet().stream()
        .map(e -> new Ranked(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .sorted(order)
        .limit(n)
        .toList();
  }
}
