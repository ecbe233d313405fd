package news.ticker.timeline.stream;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.rebuild.Generations;
import org.jboss.logging.Logger;

/**
 * The live changes of one story on this replica. When told the story reached a version, it reads
 * the rows after the last one it delivered from the change log (one read for all its clients, at
 * most one in flight) and hands each to every client, in version order. If the projection has not
 * written the version yet (it may run on another replica), it polls with a short backoff for up to
 * {@code ticker.timeline.live.projection-wait}.
 */
final class StoryChannel {

  private static final Logger LOG = Logger.getLogger(StoryChannel.class);
  private static final int BATCH = 500;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(5);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

  private final UUID storyId;
  private final ChangeLog changeLog;
  private final Generations generations;
  private final Duration projectionWait;
  private final Timer publishToScreen;
  private final Vertx vertx;
  private final Set<StreamSession> sessions = new CopyOnWriteArraySet<>();

  // Guarded by this.
  private boolean closed;
  private long delivered = -1; // -1: not known yet
  private long target;
  private boolean reading;
  private Duration backoff = FIRST_BACKOFF;
  private Instant waitingSince;

  StoryChannel(
      UUID storyId,
      ChangeLog changeLog,
      Generations generations,
      Duration projectionWait,
      Timer publishToScreen,
      Vertx vertx) {
    this.vertx = vertx;
    this.storyId = storyId;
    this.changeLog = changeLog;
    this.generations = generations;
    this.projectionWait = projectionWait;
    this.publishToScreen = publishToScreen;
  }

  UUID storyId() {
    return storyId;
  }

  /** Adds a client; false when the channel already closed. */
  boolean add(StreamSession session) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      sessions.add(session);
      if (delivered >= 0 || reading) {
        return true;
      }
      reading = true;
    }
    // The first client: start from the end of the log; the client catches up from its own
    // position.
    changeLog
        .lastVersion(generations.active(), storyId)
        .subscribe()
        .with(
            last -> {
              synchronized (this) {
                delivered = Math.max(delivered, last);
                target = Math.max(target, last);
                reading = false;
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
  boolean remove(StreamSession session) {
    synchronized (this) {
      sessions.remove(session);
      if (sessions.isEmpty()) {
        closed = true;
        return true;
      }
      return false;
    }
  }

  /** The story reached {@code version} (on Kafka, or in this replica's projection). */
  void advanceTo(long version) {
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

  private void readIfBehind() {
    long from;
    synchronized (this) {
      if (closed || reading || delivered < 0 || delivered >= target) {
        return;
      }
      reading = true;
      from = delivered;
    }
    changeLog
        .after(generations.active(), storyId, from, BATCH, false)
        .subscribe()
        .with(this::deliver, this::readFailed);
  }

  private void deliver(List<ChangeLog.Entry> entries) {
    long previous;
    synchronized (this) {
      previous = delivered;
    }
    Instant now = Instant.now();
    for (ChangeLog.Entry entry : entries) {
      ChangeFrame frame = ChangeFrame.of(entry, previous);
      for (StreamSession session : sessions) {
        session.live(frame);
      }
      publishToScreen.record(Duration.between(entry.recordedAt(), now).abs());
      previous = entry.version();
    }
    boolean again;
    Duration pause = null;
    synchronized (this) {
      delivered = previous;
      reading = false;
      target = Math.max(target, delivered);
      if (delivered >= target || closed) {
        return;
      }
      if (!entries.isEmpty()) {
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
      vertx.setTimer(Math.max(1, pause.toMillis()), id -> readIfBehind());
    }
  }

  private void readFailed(Throwable failure) {
    LOG.warnf("story %s: cannot read the change log: %s", storyId, failure.toString());
    synchronized (this) {
      reading = false;
    }
    vertx.setTimer(MAX_BACKOFF.toMillis(), id -> readIfBehind());
  }
}
