package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import news.ticker.bench.BenchContext;
import news.ticker.bench.http.Http;
import news.ticker.bench.http.SseReaders;
import news.ticker.bench.load.OpenLoop;
import news.ticker.bench.load.Schedule;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.measure.PromHistogram;
import news.ticker.bench.report.Format;

/**
 * One publish-to-screen cell: N connected SSE readers of one stream, an open-loop writer at one
 * rate for one window, and the latency from each write's <em>due</em> time to each reader's frame
 * of the version that write made. Frames are waited for until every counted reader has every
 * accepted version or the grace after the last write ran out: what is still missing then is
 * <b>lost</b>; a frame later than 5 s is <b>late</b>.
 *
 * <p>The same cell measures the stack (writes to ingest, readers on the timeline) and the
 * constant-SSE limit (writes to a bare server's publish route, readers on its stream).
 */
final class PushCell {

  /** In-flight writes the open-loop writer allows before it holds requests back (and counts it). */
  static final int MAX_IN_FLIGHT = 2_000;

  /** Readers per loopback source address: below the timeline's per-client limit (16). */
  static final int READERS_PER_ADDRESS = 8;

  /**
   * What one cell measured.
   *
   * @param counted readers connected when the cell began (their frames count)
   * @param latency from each write's due time to each counted reader's frame
   */
  record Result(
      String label,
      int readers,
      int counted,
      int rate,
      OpenLoop.Outcome writes,
      long expected,
      long received,
      long lost,
      long late,
      long duplicates,
      long early,
      long disconnects,
      long reconnects,
      double meanFrameBytes,
      LatencySummary latency,
      double serverP50Ms,
      double serverP99Ms,
      java.util.List<org.HdrHistogram.Histogram> bySecond) {

    double achievedRate() {
      return writes.achievedRate();
    }

    LatencySummary writeLatency() {
      return LatencySummary.of(writes.fromIntended().total());
    }

    ObjectNode toJson() {
      ObjectNode j = Api.JSON.createObjectNode();
      j.put("label", label);
      j.put("readers", readers);
      j.put("readersCounted", counted);
      j.put("rateAsked", rate);
      j.put("rateAchieved", LatencySummary.round(achievedRate(), 2));
      ObjectNode wj = j.putObject("writes");
      wj.put("scheduled", writes.scheduled());
      wj.put("sent", writes.sent());
      wj.put("accepted", writes.accepted());
      wj.put("deferredByInFlightCap", writes.deferredByCap());
      wj.put("abandonedAfterDrain", writes.abandoned());
      wj.put("maxInFlight", writes.maxInFlight());
      wj.put("windowSeconds", writes.windowSeconds());
      wj.put("spanSeconds", LatencySummary.round(writes.spanSeconds(), 3));
      ObjectNode st = wj.putObject("statuses");
      writes.statuses().forEach((k, v) -> st.put(Integer.toString(k), v));
      wj.set("latencyFromDue", writeLatency().toJson());
      wj.set("latencyFromSend", LatencySummary.of(writes.fromSend().total()).toJson());
      ObjectNode fj = j.putObject("frames");
      fj.put("expected", expected);
      fj.put("received", received);
      fj.put("lost", lost);
      fj.put("late", late);
      fj.put("duplicates", duplicates);
      fj.put("beforeTheirWritesReply", early);
      fj.put("disconnects", disconnects);
      fj.put("reconnects", reconnects);
      fj.put(
          "meanDataBytes",
          Double.isNaN(meanFrameBytes) ? 0 : LatencySummary.round(meanFrameBytes, 1));
      j.set("latency", latency.toJson());
      if (!Double.isNaN(serverP99Ms)) {
        ObjectNode sj = j.putObject("serverView");
        sj.put("metric", PublishToScreen.SERVER_METRIC);
        sj.put("p50Ms", LatencySummary.round(serverP50Ms, 3));
        sj.put("p99Ms", LatencySummary.round(serverP99Ms, 3));
      }
      return j;
    }
  }

  /** Connected readers of one stream, and the tracker their frames go to during a cell. */
  static final class Readers implements AutoCloseable {
    final SseReaders sse;
    final int n;
    final double connectSeconds;
    private final AtomicReference<PushTracker> holder;

    private Readers(
        SseReaders sse, int n, double connectSeconds, AtomicReference<PushTracker> holder) {
      this.sse = sse;
      this.n = n;
      this.connectSeconds = connectSeconds;
      this.holder = holder;
    }

    /**
     * Connects {@code n} readers of {@code uri} on {@code port}; how many made it is in {@link
     * SseReaders#connected()}, and what failed in its failures.
     */
    static Readers connect(
        BenchContext ctx, int port, String uri, int n, int concurrency, int firstAddress) {
      AtomicReference<PushTracker> holder = new AtomicReference<>();
      SseReaders sse =
          new SseReaders(
              ctx.http(),
              ctx.stack().host(),
              port,
              uri,
              n,
              READERS_PER_ADDRESS,
              false,
              (reader, event, id, bytes, data, nanos) -> {
                PushTracker t = holder.get();
                if (t != null) {
                  t.frame(reader, event, id, bytes, nanos);
                }
              },
              firstAddress);
      long t0 = System.nanoTime();
      try {
        Http.await(sse.connectAll(concurrency), 60_000 + n * 20L);
      } catch (IllegalStateException e) {
        // measured with those connected; the caller reports how many
      }
      return new Readers(sse, n, (System.nanoTime() - t0) / 1e9, holder);
    }

    void track(PushTracker t) {
      holder.set(t);
    }

    @Override
    public void close() {
      holder.set(null);
      try {
        Http.await(sse.close(), 30_000);
      } catch (IllegalStateException e) {
        // closing anyway
      }
    }
  }

  private PushCell() {}

  /**
   * Runs one cell.
   *
   * @param baseVersion the stream's version before the cell's first write
   * @param request sends write {@code i}; its accepted reply names the version it made (ETag)
   * @param metrics the timeline, to read its own publish-to-screen histogram; null for none
   * @param grace how long after the last write missing frames are waited for
   * @param progress share of the cell done, 0..1
   */
  static Result run(
      BenchContext ctx,
      String label,
      Readers readers,
      long baseVersion,
      int rate,
      Duration window,
      Duration grace,
      OpenLoop.Request request,
      HttpClient metrics,
      DoubleConsumer progress) {
    int n = readers.n;
    long windowMs = window.toMillis();
    int capacity = (int) (rate * windowMs / 1000) + 64;
    boolean[] counted = new boolean[n];
    int countedReaders = 0;
    for (int i = 0; i < n; i++) {
      counted[i] = readers.sse.everConnected(i);
      countedReaders += counted[i] ? 1 : 0;
    }
    long disconnects0 = readers.sse.disconnects();
    long reconnects0 = readers.sse.reconnects();
    PromHistogram server0 = metrics == null ? null : PublishToScreen.serverHistogram(metrics);
    Schedule schedule = Schedule.forWindow(System.nanoTime() + 20_000_000L, rate, windowMs / 1e3);
    PushTracker tracker =
        new PushTracker(
            n, baseVersion, capacity, schedule.startNanos(), (int) Math.ceil(windowMs / 1e3));
    readers.track(tracker);
    OpenLoop.Outcome w =
        OpenLoop.run(
            ctx.http().vertx(),
            schedule,
            MAX_IN_FLIGHT,
            request,
            r -> r.status() == 201 || r.status() == 200,
            (i, intended, r) -> {
              if (r.status() == 201 || r.status() == 200) {
                tracker.written(Api.version(r), intended);
              }
            },
            ns -> {
              progress.accept(0.8 * Math.min(1.0, ns / 1e6 / windowMs));
              ctx.progress()
                  .detail(
                      String.format(
                          Locale.ROOT, "%s  %ds/%ds", label, ns / 1_000_000_000L, windowMs / 1000));
            });
    long expected = (long) tracker.writtenCount() * countedReaders;
    long graceEnd = System.nanoTime() + grace.toNanos();
    while (tracker.frames() < expected && System.nanoTime() < graceEnd) {
      ctx.progress()
          .detail(
              label
                  + "  waiting for the last frames: "
                  + Format.count(tracker.frames())
                  + "/"
                  + Format.count(expected));
      progress.accept(0.8 + 0.2 * (1 - (graceEnd - System.nanoTime()) / (double) grace.toNanos()));
      BenchContext.sleep(100);
    }
    readers.track(null);
    tracker.settle();
    PromHistogram server =
        metrics == null ? null : PublishToScreen.serverHistogram(metrics).minus(server0);
    return new Result(
        label,
        n,
        countedReaders,
        rate,
        w,
        expected,
        tracker.frames(),
        tracker.lost(i -> counted[i]),
        tracker.late(),
        tracker.duplicates(),
        tracker.early(),
        readers.sse.disconnects() - disconnects0,
        readers.sse.reconnects() - reconnects0,
        tracker.meanFrameBytes(),
        LatencySummary.of(tracker.latencies().total()),
        server == null || server.total() == 0 ? Double.NaN : server.quantile(0.5) * 1000,
        server == null || server.total() == 0 ? Double.NaN : server.quantile(0.99) * 1000,
        tracker.bySecond());
  }

  /** A table row of a cell: readers, rates, frames, latency and its limit. */
  static List<String> row(Result c, LatencySummary limit) {
    return List.of(
        Format.count(c.readers())
            + (c.counted() < c.readers() ? " (" + Format.count(c.counted()) + " connected)" : ""),
        c.rate() + " / " + Format.number(c.achievedRate()),
        Format.count(c.expected()),
        Format.count(c.lost()) + " / " + Format.count(c.late()),
        Format.ms(c.latency().p50Ms()),
        Format.ms(c.latency().p99Ms()),
        Format.ms(c.latency().p999Ms()),
        Format.ms(c.latency().maxMs()),
        Format.ms(c.writeLatency().p50Ms()) + " / " + Format.ms(c.writeLatency().p99Ms()),
        limit == null ? "n/a" : Format.ms(limit.p99Ms()),
        limit == null ? "n/a" : Format.ratio(c.latency().p99Ms(), limit.p99Ms()));
  }

  static final List<String> HEADER =
      List.of(
          "readers",
          "writes/s asked / achieved",
          "frames expected",
          "lost / late",
          "p50",
          "p99",
          "p99.9",
          "max",
          "write p50 / p99 (from due)",
          "limit p99",
          "ratio p99");
}
