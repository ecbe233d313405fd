package news.ticker.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import news.ticker.bench.http.Http;
import news.ticker.bench.measure.Latencies;

/**
 * An open-loop writer: sends request {@code i} when the {@link Schedule} says it is due, whatever
 * is in flight, up to a high cap on outstanding requests (a safety valve, not a pacing device:
 * requests the cap held back are sent as soon as a slot frees, and counted). Latency is measured
 * from the <em>intended</em> send time, so a request the cap or the client's connection pool held
 * back is charged for its wait.
 *
 * <p>Runs on one Vert.x context: a periodic 1 ms tick sends what is due; replies come back on the
 * same context, so the bookkeeping needs no locks.
 */
public final class OpenLoop {

  /** Sends request {@code index}; never fails (an error is a reply with status -1). */
  public interface Request {
    Future<Http.Reply> send(long index);
  }

  /** Told of every reply, with the request's index and the time it was due. */
  public interface OnReply {
    void accept(long index, long intendedNanos, Http.Reply reply);
  }

  /**
   * What a window of requests did.
   *
   * @param askedRate requests per second asked
   * @param scheduled requests due in the window
   * @param sent requests sent
   * @param accepted replies the predicate accepted
   * @param fromIntended latency of accepted replies from the time each was due
   * @param fromSend latency of accepted replies from the time each was actually sent
   * @param deferredByCap requests sent later than due because the in-flight cap was reached
   * @param windowSeconds the schedule's window
   * @param spanSeconds from the first request's due time to the last reply
   * @param maxInFlight the most requests outstanding at once
   * @param abandoned requests the in-flight cap still held back when the drain time after the
   *     window ran out: never sent; each is recorded in {@code fromIntended} with its wait until
   *     then (a lower bound of its latency), so that giving up on them does not flatter the tail
   */
  public record Outcome(
      double askedRate,
      long scheduled,
      long sent,
      long accepted,
      Map<Integer, Long> statuses,
      Latencies fromIntended,
      Latencies fromSend,
      long deferredByCap,
      double windowSeconds,
      double spanSeconds,
      int maxInFlight,
      long abandoned) {

    /**
     * Accepted requests per second over the window, or over the span when the replies ran past the
     * window's end: a server that queues the load answers it later, not faster.
     */
    public double achievedRate() {
      double seconds = Math.max(windowSeconds, spanSeconds);
      return seconds <= 0 ? Double.NaN : accepted / seconds;
    }
  }

  /** How long after the window held-back requests may still be sent before they are abandoned. */
  public static final long DRAIN_NANOS = 10_000_000_000L;

  private OpenLoop() {}

  /**
   * Runs the schedule to its end and waits for the last reply (bounded: replies not there 60 s
   * after the last due time are given up and not accepted).
   *
   * @param onReply nullable
   * @param progress nullable; nanos since the schedule's start, about every 100 ms
   */
  public static Outcome run(
      Vertx vertx,
      Schedule schedule,
      int maxInFlight,
      Request request,
      Predicate<Http.Reply> accepted,
      OnReply onReply,
      LongConsumer progress) {
    return run(vertx, schedule, maxInFlight, request, accepted, onReply, progress, DRAIN_NANOS);
  }

  /** As {@link #run}, with the drain time after the window given. */
  static Outcome run(
      Vertx vertx,
      Schedule schedule,
      int maxInFlight,
      Request request,
      Predicate<Http.Reply> accepted,
      OnReply onReply,
      LongConsumer progress,
      long drainNanos) {
    State state =
        new State(schedule, maxInFlight, request, accepted, onReply, progress, drainNanos);
    vertx.runOnContext(v -> state.start(vertx));
    long waitMillis =
        Math.max(0, (schedule.lastDueNanos() - System.nanoTime()) / 1_000_000) + 60_000;
    try {
      Http.await(state.done.future(), waitMillis);
      return state.outcome();
    } catch (IllegalStateException e) {
      // replies that never came are not accepted: take the figures so far on the writer's context
      Promise<Outcome> so = Promise.promise();
      vertx.runOnContext(v -> so.complete(state.outcome()));
      return Http.await(so.future(), 10_000);
    }
  }

  /** The writer's bookkeeping, touched only on its Vert.x context. */
  private static final class State {
    final Schedule schedule;
    final int cap;
    final Request request;
    final Predicate<Http.Reply> accepted;
    final OnReply onReply;
    final LongConsumer progress;
    final long drainNanos;
    final Promise<Void> done = Promise.promise();
    final Latencies fromIntended = new Latencies();
    final Latencies fromSend = new Latencies();
    final Map<Integer, Long> statuses = new TreeMap<>();
    final ArrayDeque<Long> held = new ArrayDeque<>();
    long next;
    long sent;
    long acceptedCount;
    long deferred;
    long abandoned;
    int inFlight;
    int maxInFlight;
    long lastReplyNanos;
    long lastProgress;
    boolean allDue;
    volatile Outcome snapshot;

    State(
        Schedule schedule,
        int cap,
        Request request,
        Predicate<Http.Reply> accepted,
        OnReply onReply,
        LongConsumer progress,
        long drainNanos) {
      this.drainNanos = drainNanos;
      this.schedule = schedule;
      this.cap = cap;
      this.request = request;
      this.accepted = accepted;
      this.onReply = onReply;
      this.progress = progress;
    }

    void start(Vertx vertx) {
      tick(vertx, -1);
      if (!allDue || !held.isEmpty()) {
        vertx.setPeriodic(1, timer -> tick(vertx, timer));
      }
    }

    void tick(Vertx vertx, long timer) {
      long now = System.nanoTime();
      if (allDue) {
        abandonIfDrained(vertx, timer, now);
        return;
      }
      long due = schedule.dueBy(now);
      while (next < due) {
        if (inFlight >= cap) {
          held.add(next++);
          deferred++;
        } else {
          send(next++);
        }
      }
      if (progress != null && now - lastProgress >= 100_000_000L) {
        lastProgress = now;
        progress.accept(now - schedule.startNanos());
      }
      if (next >= schedule.count()) {
        allDue = true;
        if (held.isEmpty() && timer >= 0) {
          vertx.cancelTimer(timer);
        }
        finishIfDone();
      }
    }

    /** After the drain time, what the cap still holds is given up (and charged its wait). */
    void abandonIfDrained(Vertx vertx, long timer, long now) {
      if (held.isEmpty()) {
        if (timer >= 0) {
          vertx.cancelTimer(timer);
        }
        return;
      }
      if (now - schedule.lastDueNanos() < drainNanos) {
        return;
      }
      Long index;
      while ((index = held.poll()) != null) {
        abandoned++;
        fromIntended.recordNanos(now - schedule.dueNanos(index));
      }
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      finishIfDone();
    }

    void send(long index) {
      long intended = schedule.dueNanos(index);
      sent++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      request
          .send(index)
          .onComplete(
              ar -> {
                inFlight--;
                Http.Reply r = ar.succeeded() ? ar.result() : null;
                long end = r == null ? System.nanoTime() : r.endNanos();
                lastReplyNanos = Math.max(lastReplyNanos, end);
                int status = r == null ? -1 : r.status();
                statuses.merge(status, 1L, Long::sum);
                if (r != null && accepted.test(r)) {
                  acceptedCount++;
                  fromIntended.recordNanos(end - intended);
                  fromSend.recordNanos(r.latencyNanos());
                }
                if (onReply != null && r != null) {
                  onReply.accept(index, intended, r);
                }
                Long waiting = held.poll();
                if (waiting != null) {
                  send(waiting);
                }
                finishIfDone();
              });
    }

    void finishIfDone() {
      if (allDue && inFlight == 0 && held.isEmpty()) {
        snapshot = outcome();
        done.tryComplete();
      }
    }

    Outcome outcome() {
      Outcome s = snapshot;
      if (s != null) {
        return s;
      }
      double span = lastReplyNanos == 0 ? 0 : (lastReplyNanos - schedule.startNanos()) / 1e9;
      return new Outcome(
          schedule.ratePerSecond(),
          schedule.count(),
          sent,
          acceptedCount,
          new TreeMap<>(statuses),
          fromIntended,
          fromSend,
          deferred,
          schedule.windowSeconds(),
          span,
          maxInFlight,
          abandoned);
    }
  }
}
