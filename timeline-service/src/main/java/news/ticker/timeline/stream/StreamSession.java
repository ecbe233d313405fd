package news.ticker.timeline.stream;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.readmodel.Generations;
import org.jboss.logging.Logger;

/**
 * One SSE client. It joins its story's live channel first (buffering live frames), then catches up
 * from the change log after its resume point, then plays the buffered and later live frames,
 * merging by version: a frame at or below the last version it accounted for is dropped; a frame
 * whose predecessor it has not seen makes it read the missing versions from the change log first.
 * So the client sees every change exactly once, in version order, whichever replica it is on and
 * however often it reconnects.
 *
 * <p>A catch-up step takes the frames its channel keeps in memory when they reach back to the
 * client's position ({@link Recent}), and reads the change log otherwise.
 *
 * <p>All of a session's work is serialised: at most one change-log read is in flight, and live
 * frames queue behind it.
 */
final class StreamSession implements StoryChannel.Client {

  /** The frames the story's channel keeps in memory. */
  interface Recent {
    /**
     * Every change after {@code version} as kept frames, oldest first; null if not all are kept.
     */
    List<ChangeFrame> after(long version);
  }

  private static final Logger LOG = Logger.getLogger(StreamSession.class);

  private final UUID storyId;
  private final Generations generations;
  private final boolean keyEventsOnly;
  private final int catchUpBatch;
  private final ChangeLog changeLog;
  private final SseConnection connection;

  private final Long resumeAfter;
  private volatile Recent recent = version -> null;

  // Guarded by this.
  private long accountedFor;
  private boolean busy = true; // catching up
  private boolean closed;
  private final Deque<ChangeFrame> pending = new ArrayDeque<>();
  // Frames taken for the client and not yet handed to the connection: see handOver.
  private final List<Buffer> outgoing = new ArrayList<>();

  StreamSession(
      UUID storyId,
      Generations generations,
      Long since,
      boolean keyEventsOnly,
      int catchUpBatch,
      ChangeLog changeLog,
      SseConnection connection) {
    this.storyId = storyId;
    this.generations = generations;
    this.resumeAfter = since;
    this.keyEventsOnly = keyEventsOnly;
    this.catchUpBatch = catchUpBatch;
    this.changeLog = changeLog;
    this.connection = connection;
  }

  /**
   * Starts catching up after the resume point, or after the current version when the client gave
   * none (then first telling the client that version as its event id); call after joining the
   * channel, whose kept frames are {@code recent}.
   */
  void start(Recent recent) {
    this.recent = recent;
    if (resumeAfter != null) {
      accountedFor = resumeAfter;
      catchUp();
      return;
    }
    changeLog
        .lastVersion(generations.active(), storyId)
        .subscribe()
        .with(
            last -> {
              synchronized (this) {
                accountedFor = last;
                // The client's resume point, before any change: without it, a client that loses
                // its connection before its first frame reconnects without Last-Event-ID, starts
                // from the version current then, and never sees what came in between.
                if (!closed) {
                  outgoing.add(ChangeFrame.position(last));
                  handOver();
                }
              }
              catchUp();
            },
            this::fail);
  }

  void close() {
    synchronized (this) {
      closed = true;
      pending.clear();
    }
  }

  /** A batch of live frames from the channel, in version order. */
  @Override
  public void live(List<ChangeFrame> frames) {
    synchronized (this) {
      if (closed) {
        return;
      }
      pending.addAll(frames);
    }
    drain();
  }

  @Override
  public java.util.concurrent.Executor loop() {
    return connection.loop();
  }

  /** Sends a heartbeat comment (not a change; no id), in order with the frames. */
  void heartbeat(Buffer comment) {
    synchronized (this) {
      if (closed) {
        return;
      }
      handOver();
      connection.send(comment);
    }
  }

  private void catchUp() {
    long from;
    synchronized (this) {
      from = accountedFor;
    }
    List<ChangeFrame> kept = recent.after(from);
    if (kept != null) {
      // The same bytes the live readers were sent: nothing read, decoded or encoded again.
      synchronized (this) {
        for (ChangeFrame frame : kept) {
          if (frame.version() > accountedFor) {
            accountedFor = frame.version();
            send(frame);
          }
        }
        handOver();
        busy = false;
      }
      drain();
      return;
    }
    changeLog
        .after(generations.active(), storyId, from, catchUpBatch, keyEventsOnly)
        .subscribe()
        .with(
            entries -> {
              emitEntries(entries);
              if (entries.size() == catchUpBatch) {
                catchUp();
              } else {
                synchronized (this) {
                  busy = false;
                }
                drain();
              }
            },
            this::fail);
  }

  /** Plays queued live frames until one needs a change-log read or the queue is empty. */
  private void drain() {
    while (true) {
      ChangeFrame frame;
      long gapAfter;
      synchronized (this) {
        if (busy || closed || pending.isEmpty()) {
          handOver();
          return;
        }
        frame = pending.pollFirst();
        if (frame.version() <= accountedFor) {
          continue; // already sent (during catch-up or an earlier gap read)
        }
        if (frame.previous() <= accountedFor) {
          accountedFor = frame.version();
          send(frame);
          continue;
        }
        // Versions between what this client has and this frame are missing: read them first.
        handOver();
        busy = true;
        pending.addFirst(frame);
        gapAfter = accountedFor;
      }
      long before = frame.version();
      changeLog
          .between(generations.active(), storyId, gapAfter, before, keyEventsOnly)
          .subscribe()
          .with(
              entries -> {
                emitEntries(entries);
                synchronized (this) {
                  // Everything before the frame is now accounted for: the log had it all.
                  accountedFor = Math.max(accountedFor, before - 1);
                  busy = false;
                }
                drain();
              },
              this::fail);
      return;
    }
  }

  private void emitEntries(List<ChangeLog.Entry> entries) {
    synchronized (this) {
      for (ChangeLog.Entry entry : entries) {
        if (entry.version() > accountedFor) {
          accountedFor = entry.version();
          send(ChangeFrame.of(entry, -1));
        }
      }
      handOver();
    }
  }

  /**
   * Takes a frame for the client unless its filter drops it; {@link #handOver} passes what was
   * taken to the connection. Called with the lock held, in order.
   */
  private void send(ChangeFrame frame) {
    if (closed || (keyEventsOnly && !frame.keyEvent())) {
      return;
    }
    outgoing.add(frame.sse());
  }

  /**
   * Passes the frames taken since the last call to the connection at once, so that a batch is one
   * write and one flush, not one per frame. Called with the lock held, before the lock is left.
   */
  private void handOver() {
    if (outgoing.isEmpty()) {
      return;
    }
    if (!closed) {
      connection.send(List.copyOf(outgoing));
    }
    outgoing.clear();
  }

  private void fail(Throwable failure) {
    LOG.warnf(
        "SSE client of story %s: cannot read the change log: %s", storyId, failure.toString());
    close();
    // The client reconnects with Last-Event-ID and loses nothing.
    connection.abort();
  }
}
