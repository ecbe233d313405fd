package news.ticker.bench.measure;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded from any thread (wait-free, HdrHistogram {@link Recorder}) in microseconds,
 * three significant digits, up to ten minutes; longer values are clamped and counted.
 */
public final class Latencies {

  public static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
  private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
  private final LongAdder clamped = new LongAdder();

  public void recordNanos(long nanos) {
    recordMicros(nanos / 1_000);
  }

  public void recordMicros(long micros) {
    if (micros < 0) {
      micros = 0;
    }
    if (micros > HIGHEST_MICROS) {
      clamped.increment();
      micros = HIGHEST_MICROS;
    }
    recorder.recordValue(micros);
  }

  /** What was recorded since the last call (also added to the total). */
  public synchronized Histogram interval() {
    Histogram h = recorder.getIntervalHistogram();
    total.add(h);
    return h;
  }

  /** Everything recorded so far. */
  public synchronized Histogram total() {
    interval();
    return total.copy();
  }

  public long clamped() {
    return clamped.sum();
  }

  public static Histogram emptyHistogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }
}
