package news.ticker.bench.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import news.ticker.bench.measure.Latencies;
import news.ticker.bench.measure.Series;

/**
 * A closed-loop load generator: {@code concurrency} virtual clients, each sending its next request
 * when the last one answered, for a warm-up and then a measured window. Only exchanges that end
 * inside the window are counted. Bounded by time: nothing is sent after the window.
 */
public final class ClosedLoop {

  /** What one run measured. */
  public record Outcome(
      double seconds,
      long completed,
      long accepted,
      Map<Integer, Long> statuses,
      Latencies latencies,
      Series acceptedSeries,
      long bytes,
      String firstError) {

    public double acceptedRate() {
      return seconds > 0 ? accepted / seconds : 0;
    }

    public double completedRate() {
      return seconds > 0 ? completed / seconds : 0;
    }
  }

  private ClosedLoop() {}

  /**
   * Runs the loop; blocks the calling (non-event-loop) thread until it is over.
   *
   * @param request sends the next request of a virtual client (by its index)
   * @param accepted which replies count as accepted
   * @param onReply called with every reply inside the window (on the event loop)
   */
  public static Outcome run(
      Vertx vertx,
      int concurrency,
      long warmupMillis,
      long windowMillis,
      IntFunction<Future<Http.Reply>> request,
      Predicate<Http.Reply> accepted,
      java.util.function.Consumer<Http.Reply> onReply) {
    long begin = System.nanoTime();
    long measureStart = begin + warmupMillis * 1_000_000L;
    long end = measureStart + windowMillis * 1_000_000L;
    Latencies latencies = new Latencies();
    Series series = new Series(measureStart, (int) (windowMillis / 1000) + 2);
    LongAdder completed = new LongAdder();
    LongAdder ok = new LongAdder();
    LongAdder bytes = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    String[] firstError = new String[1];
    AtomicInteger running = new AtomicInteger(concurrency);
    Promise<Void> done = Promise.promise();

    class Client {
      final int index;

      Client(int index) {
        this.index = index;
      }

      void next() {
        if (System.nanoTime() >= end) {
          if (running.decrementAndGet() == 0) {
            done.tryComplete();
          }
          return;
        }
        request
            .apply(index)
            .onComplete(
                ar -> {
                  Http.Reply r = ar.result();
                  long now = System.nanoTime();
                  if (r != null && now >= measureStart && now < end) {
                    completed.increment();
                    statuses.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
                    if (r.body() != null) {
                      bytes.add(r.body().length());
                    }
                    if (r.status() < 0 && firstError[0] == null) {
                      firstError[0] = r.header("x-bench-error");
                    }
                    if (accepted.test(r)) {
                      ok.increment();
                      series.mark(now);
                      latencies.recordNanos(r.latencyNanos());
                    }
                    if (onReply != null) {
                      onReply.accept(r);
                    }
                  } else if (r != null && onReply != null) {
                    onReply.accept(r);
                  }
                  next();
                });
      }
    }

    for (int i = 0; i < concurrency; i++) {
      Client c = new Client(i);
      vertx.runOnContext(v -> c.next());
    }
    long budget = warmupMillis + windowMillis + 60_000;
    try {
      Http.await(done.future(), budget);
    } catch (IllegalStateException e) {
      // some requests hung past the window: count what ended inside it
    }
    Map<Integer, Long> statusCounts = new TreeMap<>();
    statuses.forEach((k, v) -> statusCounts.put(k, v.sum()));
    return new Outcome(
        windowMillis / 1000.0,
        completed.sum(),
        ok.sum(),
        statusCounts,
        latencies,
        series,
        bytes.sum(),
        firstError[0]);
  }
}
