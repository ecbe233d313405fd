package news.ticker.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Events counted per second since a start, from any thread; for throughput-over-time charts. */
public final class Series {

  private final long startNanos;
  private final AtomicLongArray buckets;

  public Series(long startNanos, int maxSeconds) {
    this.startNanos = startNanos;
    this.buckets = new AtomicLongArray(Math.max(1, maxSeconds));
  }

  public void mark(long nowNanos) {
    add(nowNanos, 1);
  }

  public void add(long nowNanos, long count) {
    long second = Math.floorDiv(nowNanos - startNanos, 1_000_000_000L);
    if (second >= 0 && second < buckets.length()) {
      buckets.addAndGet((int) second, count);
    }
  }

  /** Counts of the first {@code seconds} seconds. */
  public List<Long> counts(int seconds) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < Math.min(seconds, buckets.length()); i++) {
      out.add(buckets.get(i));
    }
    return out;
  }
}
