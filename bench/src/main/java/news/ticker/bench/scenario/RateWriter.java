package news.ticker.bench.scenario;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import news.ticker.bench.http.Http;
import news.ticker.bench.measure.Latencies;

/**
 * Posts updates to one story at a steady rate (open loop: on schedule, whatever the replies do,
 * with at most {@code maxInFlight} outstanding) for a window, and tells when each version was
 * accepted.
 */
final class RateWriter {

  /** What a window of writes did. */
  record Outcome(
      long sent,
      long accepted,
      Map<Integer, Long> statuses,
      Latencies latencies,
      long maxVersion,
      long deferred,
      double seconds) {}

  private RateWriter() {}

  /**
   * @param onAccepted called with (version, reply end nanos) of every accepted write
   */
  static Outcome run(
      Vertx vertx,
      HttpClient ingest,
      String token,
      String storyId,
      List<String> bodies,
      int rate,
      long windowMillis,
      int maxInFlight,
      VersionSink onAccepted,
      LongConsumer progress) {
    Latencies latencies = new Latencies();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder accepted = new LongAdder();
    AtomicLong maxVersion = new AtomicLong(-1);
    long[] sent = {0};
    long[] deferred = {0};
    int[] inFlight = {0};
    boolean[] finishing = {false};
    long start = System.nanoTime();
    long end = start + windowMillis * 1_000_000L;
    long maxCount = rate * windowMillis / 1000;
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(
        v ->
            vertx.setPeriodic(
                2,
                timer -> {
                  long now = System.nanoTime();
                  if (now >= end || sent[0] >= maxCount) {
                    vertx.cancelTimer(timer);
                    finishing[0] = true;
                    if (inFlight[0] == 0) {
                      done.tryComplete();
                    }
                    return;
                  }
                  long due = Math.min(maxCount, (now - start) * rate / 1_000_000_000L + 1);
                  while (sent[0] < due) {
                    if (inFlight[0] >= maxInFlight) {
                      deferred[0]++;
                      break;
                    }
                    String body = bodies.get((int) (sent[0] % bodies.size()));
                    sent[0]++;
                    inFlight[0]++;
                    Api.postUpdate(ingest, token, storyId, body, 30_000)
                        .onComplete(
                            ar -> {
                              inFlight[0]--;
                              Http.Reply r = ar.result();
                              statuses
                                  .computeIfAbsent(r.status(), k -> new LongAdder())
                                  .increment();
                              if (r.status() == 201 || r.status() == 200) {
                                long version = Api.version(r);
                                accepted.increment();
                                latencies.recordNanos(r.latencyNanos());
                                maxVersion.accumulateAndGet(version, Math::max);
                                onAccepted.accept(version, r.endNanos());
                              }
                              if (finishing[0] && inFlight[0] == 0) {
                                done.tryComplete();
                              }
                            });
                  }
                  if (progress != null) {
                    progress.accept(now - start);
                  }
                }));
    try {
      Http.await(done.future(), windowMillis + 60_000);
    } catch (IllegalStateException e) {
      // replies that never came are not accepted
    }
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((k, v) -> counts.put(k, v.sum()));
    return new Outcome(
        sent[0],
        accepted.sum(),
        counts,
        latencies,
        maxVersion.get(),
        deferred[0],
        windowMillis / 1000.0);
  }

  /** Receives accepted versions. */
  interface VersionSink {
    void accept(long version, long nanos);
  }
}
