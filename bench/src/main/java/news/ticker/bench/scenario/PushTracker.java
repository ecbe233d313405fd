package news.ticker.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import news.ticker.bench.measure.Latencies;

/**
 * Publish-to-screen bookkeeping of one cell (N readers, one rate): when each version's write was
 * <em>due</em> (the open-loop writer's intended send time, so the write itself is inside the
 * figure), which reader received which version, and the latency between the two. A frame can arrive
 * before its write's reply told which version the write made; such frames are settled when the
 * reply is known (at the latest in {@link #settle()}). A frame later than {@link #LATE_NANOS}
 * counts as late; a version a counted reader never received counts as lost.
 */
final class PushTracker {

  private final int readers;
  private final long base;
  private final int capacity;
  private final AtomicLongArray written;
  private final AtomicLongArray[] received;
  private final Latencies latencies = new Latencies();
  private final ConcurrentLinkedQueue<long[]> early = new ConcurrentLinkedQueue<>();
  private final LongAdder frames = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder older = new LongAdder();
  private final LongAdder beyond = new LongAdder();
  private final LongAdder otherFrames = new LongAdder();
  private final LongAdder dataBytes = new LongAdder();
  private final LongAdder earlyCount = new LongAdder();
  private final LongAdder late = new LongAdder();
  private final long origin;
  private final Latencies[] bySecond;

  /** A frame later than this after its write was due is late (and still counted in latency). */
  static final long LATE_NANOS = 5_000_000_000L;

  /**
   * @param base the story version before the first write of this cell
   * @param capacity how many versions after {@code base} may be written
   */
  PushTracker(int readers, long base, int capacity) {
    this(readers, base, capacity, 0, 0);
  }

  /**
   * @param origin {@link System#nanoTime()} of the first write's due time
   * @param seconds how many one-second windows, by due time from {@code origin}, to keep the
   *     latency of apart (a frame of a write due later counts in the last)
   */
  PushTracker(int readers, long base, int capacity, long origin, int seconds) {
    this.origin = origin;
    this.bySecond = new Latencies[Math.max(0, seconds)];
    for (int i = 0; i < bySecond.length; i++) {
      bySecond[i] = new Latencies();
    }
    this.readers = readers;
    this.base = base;
    this.capacity = capacity;
    this.written = new AtomicLongArray(capacity);
    this.received = new AtomicLongArray[readers];
    int words = (capacity + 63) / 64;
    for (int i = 0; i < readers; i++) {
      received[i] = new AtomicLongArray(words);
    }
  }

  long base() {
    return base;
  }

  int capacity() {
    return capacity;
  }

  /** The write that made {@code version} was due at {@code nanos}. */
  void written(long version, long nanos) {
    long i = version - base - 1;
    if (i >= 0 && i < capacity) {
      written.set((int) i, nanos);
    }
  }

  /** Reader {@code reader} received the frame of {@code id} at {@code nanos}. */
  void frame(int reader, String event, String id, int bytes, long nanos) {
    long version;
    try {
      version = id == null ? -1 : Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      otherFrames.increment();
      return;
    }
    if (version <= base) {
      older.increment();
      return;
    }
    long i = version - base - 1;
    if (i >= capacity || reader >= readers) {
      beyond.increment();
      return;
    }
    AtomicLongArray bits = received[reader];
    int word = (int) (i >>> 6);
    long mask = 1L << (i & 63);
    long before = bits.getAndAccumulate(word, mask, (a, b) -> a | b);
    if ((before & mask) != 0) {
      duplicates.increment();
      return;
    }
    frames.increment();
    dataBytes.add(bytes);
    long t0 = written.get((int) i);
    if (t0 == 0) {
      early.add(new long[] {i, nanos});
    } else {
      record(nanos - t0, t0);
    }
  }

  private void record(long nanos, long due) {
    latencies.recordNanos(nanos);
    if (bySecond.length > 0) {
      long second = Math.max(0, (due - origin) / 1_000_000_000L);
      bySecond[(int) Math.min(bySecond.length - 1, second)].recordNanos(nanos);
    }
    if (nanos > LATE_NANOS) {
      late.increment();
    }
  }

  /** Frames received of versions written in this cell. */
  long frames() {
    return frames.sum();
  }

  /**
   * Settles frames that came before their write's reply was read: latency frame − due time. A frame
   * of a version no accepted write made (a refused write cannot make one) is dropped.
   */
  void settle() {
    long[] e;
    while ((e = early.poll()) != null) {
      long t0 = written.get((int) e[0]);
      if (t0 != 0) {
        record(Math.max(0, e[1] - t0), t0);
        earlyCount.increment();
      }
    }
  }

  /** Frames that arrived more than {@link #LATE_NANOS} after their write was due. */
  long late() {
    return late.sum();
  }

  /** Versions written (accepted) in this cell. */
  int writtenCount() {
    int n = 0;
    for (int i = 0; i < capacity; i++) {
      if (written.get(i) != 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * Frames of written versions that the given readers never received.
   *
   * @param counted which readers count (those connected when the cell began)
   */
  long lost(java.util.function.IntPredicate counted) {
    long lost = 0;
    for (int r = 0; r < readers; r++) {
      if (!counted.test(r)) {
        continue;
      }
      AtomicLongArray bits = received[r];
      for (int i = 0; i < capacity; i++) {
        if (written.get(i) != 0 && (bits.get(i >>> 6) & (1L << (i & 63))) == 0) {
          lost++;
        }
      }
    }
    return lost;
  }

  Latencies latencies() {
    return latencies;
  }

  /**
   * Up to {@code max} frames the given readers never received, as (reader, version) pairs, in
   * reader order: what a loss looked like, for the report.
   */
  List<long[]> lostExamples(java.util.function.IntPredicate counted, int max) {
    List<long[]> out = new ArrayList<>();
    for (int r = 0; r < readers && out.size() < max; r++) {
      if (!counted.test(r)) {
        continue;
      }
      AtomicLongArray bits = received[r];
      for (int i = 0; i < capacity && out.size() < max; i++) {
        if (written.get(i) != 0 && (bits.get(i >>> 6) & (1L << (i & 63))) == 0) {
          out.add(new long[] {r, base + 1 + i});
        }
      }
    }
    return out;
  }

  /** When the write that made {@code version} was due ({@link System#nanoTime()}), or 0. */
  long dueNanos(long version) {
    long i = version - base - 1;
    return i >= 0 && i < capacity ? written.get((int) i) : 0;
  }

  /**
   * The latencies of frames by their write's due second from the origin (empty unless the tracker
   * keeps windows).
   */
  java.util.List<org.HdrHistogram.Histogram> bySecond() {
    java.util.List<org.HdrHistogram.Histogram> out = new java.util.ArrayList<>();
    for (Latencies l : bySecond) {
      out.add(l.total());
    }
    return out;
  }

  long duplicates() {
    return duplicates.sum();
  }

  long older() {
    return older.sum();
  }

  long beyond() {
    return beyond.sum();
  }

  long early() {
    return earlyCount.sum();
  }

  double meanFrameBytes() {
    long f = frames.sum();
    return f == 0 ? Double.NaN : dataBytes.sum() / (double) f;
  }
}
