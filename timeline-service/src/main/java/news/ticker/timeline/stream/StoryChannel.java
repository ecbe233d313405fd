package news.ticker.timeline.stream;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import news.ticker.timeline.changes.ChangeLog;
import org.jboss.logging.Logger;

/**
 * The live changes of one story on this replica. When told the story reached a version, it reads
 * the rows after the last one it delivered from the change log (one read for all its clients, at
 * most one in flight) and hands each to every client, in version order.
 *
 * <p>Two signals move it: {@link #seen} (the event is on Kafka; the projection, maybe on another
 * replica, may not have written it yet) and {@link #committed} (this replica's projection committed
 * it: the log has it). When a read finds nothing yet, it polls with a short backoff for up to
 * {@code ticker.timeline.live.projection-wait}; a commit signal ends that wait at once, also when
 * it arrives while a read is in flight, so a frame never waits for the backoff timer once its row
 * is committed here.
 *
 * <p>It also keeps the newest frames it delivered, up to {@code ticker.timeline.live.recent-bytes},
 * for clients that catch up ({@link #recentAfter}): a reconnecting reader is sent the same encoded
 * bytes as the live readers, with no read of the change log. A stored change is rewritten in place
 * only to blank its texts (a redaction or a destroyed key), and every replica hears of each rewrite
 * ({@link #rewritten}); a frame at or below a rewritten version is dropped and never kept again.
 * When this replica may have missed rewrites ({@link #mayHaveMissed}), nothing is kept until it has
 * read the story's last version, and only frames above it are kept after that.
 */
final class StoryChannel {

  private static final Logger LOG = Logger.getLogger(StoryChannel.class);
  private static final int BATCH = 500;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(5);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

  /** The story's change log, bound to the active generation. */
  interface Log {
    /**
     * The active generation, taken before a read, so that what is kept knows where it came from.
     */
    int generation();

    Uni<Long> lastVersion(int generation);

    Uni<List<ChangeLog.Entry>> after(int generation, long version, int max);
  }

  /** Runs a task later (a Vert.x timer in the service). */
  interface Timers {
    void later(long millis, Runnable task);
  }

  /** A client of the channel. */
  interface Client {
    /** A batch of live frames, in version order, taken at once (one write for all of them). */
    void live(List<ChangeFrame> frames);

    /**
     * The event loop the client writes on: a batch is handed to each loop's clients in one task on
     * that loop (not one per client), and they write without a further hop. Null: the client takes
     * frames on the delivering thread.
     */
    default Executor loop() {
      return null;
    }
  }

  /** Runs a task on the delivering thread: the loop of clients that name none. */
  private static final Executor INLINE = Runnable::run;

  private final UUID storyId;
  private final Log log;
  private final Duration projectionWait;
  private final Timer publishToScreen;
  private final Timers timers;
  // The clients, by the loop they write on; the loop's set is removed when it empties.
  private final Map<Executor, Set<Client>> byLoop = new ConcurrentHashMap<>();
  private int clients; // guarded by this

  // Guarded by this.
  private boolean closed;
  private long delivered = -1; // -1: not known yet
  private long target;
  private boolean reading;
  // This replica's projection committed a version after the in-flight read began: if that read
  // comes back empty, read again at once instead of waiting for the backoff.
  private boolean committedDuringRead;
  private Duration backoff = FIRST_BACKOFF;
  private Instant waitingSince;

  // The newest delivered frames, for catching-up clients (guarded by this).
  private final KeptFrames kept;
  // The read of the last version after a notice of missed rewrites (see mayHaveMissed).
  private int missedRead;

  /**
   * @param recentBytes how many bytes of its newest frames the channel keeps for catch-up; 0 keeps
   *     none
   * @param budget the bytes that all channels of the replica keep together
   */
  StoryChannel(
      UUID storyId,
      Log log,
      Duration projectionWait,
      Timer publishToScreen,
      Timers timers,
      long recentBytes,
      KeptFrames.Budget budget) {
    this.storyId = storyId;
    this.log = log;
    this.projectionWait = projectionWait;
    this.publishToScreen = publishToScreen;
    this.timers = timers;
    this.kept = new KeptFrames(recentBytes, budget);
  }

  UUID storyId() {
    return storyId;
  }

  /** Adds a client; false when the channel already closed. */
  boolean add(Client session) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      byLoop.computeIfAbsent(loopOf(session), ignored -> new CopyOnWriteArraySet<>()).add(session);
      clients++;
      if (delivered >= 0 || reading) {
        return true;
      }
      reading = true;
    }
    // The first client: start from the end of the log; the client catches up from its own
    // position.
    int generation = log.generation();
    log.lastVersion(generation)
        .subscribe()
        .with(
            last -> {
              synchronized (this) {
                delivered = Math.max(delivered, last);
                target = Math.max(target, last);
                reading = false;
                kept.start(generation, delivered);
              }
              readIfBehind();
            },
            failure -> {
              LOG.warnf("story %s: cannot read its last version: %s", storyId, failure.toString());
              synchronized (this) {
                reading = false;
              }
            });
    return true;
  }

  /** Removes a client; true when it was the last one and the channel closed. */
  boolean remove(Client session) {
    synchronized (this) {
      Executor loop = loopOf(session);
      Set<Client> ofLoop = byLoop.get(loop);
      if (ofLoop != null && ofLoop.remove(session)) {
        clients--;
        if (ofLoop.isEmpty()) {
          byLoop.remove(loop);
        }
      }
      if (clients == 0) {
        closed = true;
        kept.forget(); // gives its bytes back to the replica's budget
        return true;
      }
      return false;
    }
  }

  /** The story reached {@code version} on Kafka; the log may not have it yet. */
  void seen(long version) {
    synchronized (this) {
      if (version <= target) {
        return;
      }
      target = version;
      backoff = FIRST_BACKOFF;
      waitingSince = null;
    }
    readIfBehind();
  }

  /**
   * This replica's projection committed the story up to {@code version}: the log has it. Unlike
   * {@link #seen}, it is never dropped because Kafka announced the version first: it ends a backoff
   * wait at once, or makes an in-flight read that finds nothing read again.
   */
  void committed(long version) {
    synchronized (this) {
      if (version <= delivered) {
        return;
      }
      target = Math.max(target, version);
      backoff = FIRST_BACKOFF;
      waitingSince = null;
      if (reading) {
        committedDuringRead = true;
        return;
      }
    }
    readIfBehind();
  }

  /**
   * This replica's projection committed {@code changes} in {@code generation}, up to {@code
   * version}: when they follow what was delivered and no read is in flight, they are delivered as
   * they are, without reading the log; otherwise this is {@link #committed(long)}.
   */
  void committed(int generation, long version, List<ChangeLog.Entry> changes) {
    List<ChangeLog.Entry> fresh;
    synchronized (this) {
      if (closed || version <= delivered) {
        return;
      }
      int from = 0;
      while (from < changes.size() && changes.get(from).version() <= delivered) {
        from++;
      }
      fresh = changes.subList(from, changes.size());
      boolean follows =
          !reading
              && delivered >= 0
              && !fresh.isEmpty()
              && fresh.get(0).version() == delivered + 1
              && fresh.get(fresh.size() - 1).version() == version;
      if (follows) {
        reading = true;
        target = Math.max(target, version);
        backoff = FIRST_BACKOFF;
        waitingSince = null;
      } else {
        fresh = null;
      }
    }
    if (fresh == null) {
      committed(version);
    } else {
      deliver(generation, fresh);
    }
  }

  private static Executor loopOf(Client client) {
    Executor loop = client.loop();
    return loop == null ? INLINE : loop;
  }

  private void readIfBehind() {
    long from;
    synchronized (this) {
      if (closed || reading || delivered < 0 || delivered >= target) {
        return;
      }
      reading = true;
      committedDuringRead = false;
      from = delivered;
    }
    int generation = log.generation();
    log.after(generation, from, BATCH)
        .subscribe()
        .with(entries -> deliver(generation, entries), this::readFailed);
  }

  private void deliver(int generation, List<ChangeLog.Entry> entries) {
    long previous;
    synchronized (this) {
      previous = delivered;
    }
    Instant now = Instant.now();
    List<ChangeFrame> frames = new ArrayList<>(entries.size());
    for (ChangeLog.Entry entry : entries) {
      frames.add(ChangeFrame.shared(entry, previous));
      publishToScreen.record(Duration.between(entry.recordedAt(), now).abs());
      previous = entry.version();
    }
    if (!frames.isEmpty()) {
      // One task per event loop for the whole batch: with 10,000 readers, a task per reader (or
      // per frame) is what piled up on the loops. Tasks on one loop run in order, so batches
      // reach each client in version order, and each client takes the batch at once (one write
      // and one flush for all of it, not one per frame).
      byLoop.forEach(
          (loop, ofLoop) ->
              loop.execute(
                  () -> {
                    for (Client session : ofLoop) {
                      session.live(frames);
                    }
                  }));
    }
    boolean again;
    Duration pause = null;
    synchronized (this) {
      if (!closed) {
        kept.keep(generation, frames);
      }
      delivered = previous;
      reading = false;
      target = Math.max(target, delivered);
      if (delivered >= target || closed) {
        return;
      }
      if (!entries.isEmpty() || committedDuringRead) {
        again = true;
      } else {
        // Seen on Kafka, not in the log yet: the projection (maybe on another replica) is behind.
        if (waitingSince == null) {
          waitingSince = now;
        }
        if (Duration.between(waitingSince, now).compareTo(projectionWait) > 0) {
          LOG.warnf(
              "story %s: version %d not projected after %s; live push waits for the next event",
              storyId, target, projectionWait);
          target = delivered;
          waitingSince = null;
          // What the log has after the last delivered frame may now reach a client only with the
          // next event: the kept frames no longer tell a catching-up client everything.
          kept.forget();
          return;
        }
        again = false;
        pause = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      }
    }
    if (again) {
      readIfBehind();
    } else {
      timers.later(Math.max(1, pause.toMillis()), this::readIfBehind);
    }
  }

  /**
   * The kept frames after {@code version}, oldest first, if they are all the changes after it that
   * this channel delivered (an empty list: none after it); null when the kept frames do not reach
   * back to it, or were read from another generation than {@code generation}, the active one.
   */
  synchronized List<ChangeFrame> recentAfter(long version, int generation) {
    return kept.after(version, generation);
  }

  /**
   * The stored change {@code version} was rewritten in place (its texts blanked): the kept frames
   * up to it are dropped, and no frame at or below it is kept again (a read begun before the
   * rewrite may still bring it back).
   */
  synchronized void rewritten(long version) {
    kept.rewritten(version);
  }

  /**
   * This replica may have missed rewrites (it started or stopped hearing of them): everything kept
   * is dropped, and nothing is kept until the story's last version is read again; any rewrite
   * missed reached only versions up to it.
   */
  void mayHaveMissed() {
    int read;
    synchronized (this) {
      kept.mayHaveMissed();
      read = ++missedRead;
    }
    log.lastVersion(log.generation())
        .subscribe()
        .with(
            last -> {
              synchronized (this) {
                if (read == missedRead) {
                  kept.missedUpTo(last);
                }
              }
            },
            failure ->
                // Nothing is kept until the next notice: catch-up reads the change log.
                LOG.warnf(
                    "story %s: cannot read its last version: %s", storyId, failure.toString()));
  }

  private void readFailed(Throwable failure) {
    LOG.warnf("story %s: cannot read the change log: %s", storyId, failure.toString());
    synchronized (this) {
      reading = false;
    }
    timers.later(MAX_BACKOFF.toMillis(), this::readIfBehind);
  }
}
