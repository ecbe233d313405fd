package news.ticker.timeline.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest frames a {@link StoryChannel} delivered, kept for clients that catch up. Not
 * thread-safe: the channel calls it with its lock held.
 *
 * <p>When it is valid ({@code from >= 0}) it holds every delivered frame after version {@code
 * from}, without a gap, up to the last delivered one. Anything that could break that (a frame
 * refused, a frame that does not follow, the byte budget) moves {@code from} up or invalidates it,
 * so a client is never told "nothing else" when the log has more.
 *
 * <p>No frame at or below {@code keepAbove} is kept: a stored change up to there was rewritten (its
 * texts blanked) after the frame may have been read. While {@code keepAboveUnknown} (this replica
 * may have missed rewrites) nothing is kept at all.
 */
final class KeptFrames {

  /** The bytes all channels of a replica may keep together. */
  static final class Budget {
    private final long max;
    private final AtomicLong used = new AtomicLong();

    Budget(long max) {
      this.max = max;
    }

    boolean take(long bytes) {
      if (used.addAndGet(bytes) <= max) {
        return true;
      }
      used.addAndGet(-bytes);
      return false;
    }

    void give(long bytes) {
      used.addAndGet(-bytes);
    }

    long used() {
      return used.get();
    }
  }

  private final long maxBytes;
  private final Budget budget;
  private final ArrayDeque<ChangeFrame> frames = new ArrayDeque<>();
  private long bytes;
  private long from = -1; // -1: not valid
  private int generation = Integer.MIN_VALUE;
  private long keepAbove;
  private boolean keepAboveUnknown;

  /**
   * @param maxBytes the bytes of this story's newest frames to keep; 0 keeps none
   * @param budget the bytes all stories of the replica may keep together
   */
  KeptFrames(long maxBytes, Budget budget) {
    this.maxBytes = maxBytes;
    this.budget = budget;
  }

  /** The channel knows its story up to {@code delivered} of {@code generation}, with no frames. */
  void start(int generation, long delivered) {
    forget();
    this.generation = generation;
    if (maxBytes > 0 && !keepAboveUnknown && delivered >= keepAbove) {
      from = delivered;
    }
  }

  /** Keeps delivered frames of {@code generation}, in version order. */
  void keep(int generation, List<ChangeFrame> delivered) {
    if (maxBytes <= 0) {
      return;
    }
    if (generation != this.generation) {
      forget();
      this.generation = generation;
    }
    for (ChangeFrame frame : delivered) {
      if (keepAboveUnknown || frame.version() <= keepAbove) {
        forget();
        continue;
      }
      long last = frames.isEmpty() ? from : frames.peekLast().version();
      if (from < 0 || last != frame.previous()) {
        forget();
        from = frame.previous(); // complete after it, from this frame on
      }
      long size = frame.sse().length();
      if (size > maxBytes) {
        forget(); // never fits
        continue;
      }
      while (!frames.isEmpty() && bytes + size > maxBytes) {
        dropOldest();
      }
      boolean taken = budget.take(size);
      while (!taken && !frames.isEmpty()) {
        dropOldest();
        taken = budget.take(size);
      }
      if (!taken) {
        forget(); // the replica's budget is spent by other stories
        continue;
      }
      frames.addLast(frame);
      bytes += size;
    }
  }

  /**
   * Every kept frame after {@code version}, oldest first (empty: none after it was delivered), or
   * null when the kept frames cannot tell: they do not reach back to it, it is ahead of them, or
   * they were read from another generation than {@code generation}.
   */
  List<ChangeFrame> after(long version, int generation) {
    if (from < 0 || keepAboveUnknown || generation != this.generation) {
      return null;
    }
    long last = frames.isEmpty() ? from : frames.peekLast().version();
    if (version < from || version > last) {
      return null;
    }
    // From the newest back: a resuming reader is usually only a little behind.
    List<ChangeFrame> after = new ArrayList<>();
    Iterator<ChangeFrame> newestFirst = frames.descendingIterator();
    while (newestFirst.hasNext()) {
      ChangeFrame frame = newestFirst.next();
      if (frame.version() <= version) {
        break;
      }
      after.add(frame);
    }
    Collections.reverse(after);
    return after;
  }

  /** The stored change {@code version} was rewritten: nothing up to it is kept, now or later. */
  void rewritten(long version) {
    keepAbove = Math.max(keepAbove, version);
    while (!frames.isEmpty() && frames.peekFirst().version() <= version) {
      dropOldest();
    }
    if (from >= 0 && from < version) {
      if (frames.isEmpty()) {
        forget(); // the delivered versions up to it may not be above it
      } else {
        from = frames.peekFirst().previous();
      }
    }
  }

  /** Rewrites may have been missed: nothing is kept until {@link #missedUpTo} says how far. */
  void mayHaveMissed() {
    forget();
    keepAboveUnknown = true;
  }

  /** The rewrites that may have been missed reached at most {@code version}. */
  void missedUpTo(long version) {
    keepAbove = Math.max(keepAbove, version);
    keepAboveUnknown = false;
  }

  /** Drops everything kept (and gives its bytes back); nothing is claimed until a frame comes. */
  void forget() {
    budget.give(bytes);
    frames.clear();
    bytes = 0;
    from = -1;
  }

  private void dropOldest() {
    ChangeFrame oldest = frames.pollFirst();
    long size = oldest.sse().length();
    bytes -= size;
    budget.give(size);
    from = oldest.version();
  }
}
