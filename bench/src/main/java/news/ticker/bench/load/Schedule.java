package news.ticker.bench.load;

/**
 * When each request of an open-loop writer is due: request {@code i} (from 0) at {@code startNanos
 * + i / rate}. The schedule never looks at replies, so a slow server cannot slow the load down, and
 * every latency is measured from the due time: a request that waited to be sent waited on the
 * server's account (no coordinated omission, as in wrk2).
 *
 * @param startNanos {@link System#nanoTime()} at which request 0 is due
 * @param ratePerSecond requests per second asked
 * @param count how many requests in all (the window's worth)
 */
public record Schedule(long startNanos, double ratePerSecond, long count) {

  public Schedule {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }

  /** A window's schedule: {@code rate × seconds} requests from {@code startNanos}. */
  public static Schedule forWindow(long startNanos, double ratePerSecond, double seconds) {
    return new Schedule(startNanos, ratePerSecond, (long) Math.floor(ratePerSecond * seconds));
  }

  /** The time request {@code index} is due. */
  public long dueNanos(long index) {
    return startNanos + (long) Math.floor(index * 1e9 / ratePerSecond);
  }

  /** How many requests are due at {@code nowNanos} (request i is due when dueNanos(i) ≤ now). */
  public long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long n = (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
    // guard the floating-point edge so that dueBy and dueNanos always agree
    while (n > 0 && dueNanos(n - 1) > nowNanos) {
      n--;
    }
    while (n < count && dueNanos(n) <= nowNanos) {
      n++;
    }
    return Math.min(count, n);
  }

  /** When the last request is due (the start for an empty schedule). */
  public long lastDueNanos() {
    return count == 0 ? startNanos : dueNanos(count - 1);
  }

  /** The window the schedule spans: count / rate seconds. */
  public double windowSeconds() {
    return count / ratePerSecond;
  }
}
