package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Stack;
import news.ticker.bench.http.Http;
import news.ticker.bench.load.OpenLoop;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.measure.Proc;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.Grade;
import news.ticker.bench.report.ScenarioReport;
import org.HdrHistogram.Histogram;

/**
 * 7. Cold start (issue 20): ingest and timeline are restarted, and as soon as both answer ready one
 * story is driven at 50 updates/s with 100 SSE readers for 60 s. What a rolling deploy, a crash
 * restart or a new replica costs the readers of a busy story: the publish-to-screen latency by
 * 10-second window, the time from ready until its p99 stays at or under 250 ms, each service's time
 * from process start to ready and its CPU while starting and during that minute.
 */
public final class ColdStart implements Scenario {

  static final String ID = "cold-start";

  /** The latency the readers' p99 must stay at or under for the service to count as warm. */
  static final double STABLE_P99_MS = 250;

  static final List<String> RESTARTED = List.of("ingest", "timeline");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  /** The window's width in the report's table. */
  static final int TABLE_WINDOW_SECONDS = 10;

  @Override
  public String id() {
    return ID;
  }

  /** Updates per second, as in the measurement. */
  static final int RATE = 50;

  private static int readers(BenchContext ctx) {
    return ctx.options().quick() ? 40 : 100;
  }

  private static Duration window(BenchContext ctx) {
    if (ctx.options().windowSeconds() != null) {
      return Duration.ofSeconds(ctx.options().windowSeconds());
    }
    return ctx.options().quick() ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
  }

  @Override
  public double estimateSeconds(news.ticker.bench.Settings s) {
    return 10 + 40 + 2 * 65;
  }

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    int rate = RATE;
    int readerCount = readers(ctx);
    Duration window = window(ctx);
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "7. Cold start",
            "Ingest and timeline are stopped (SIGTERM) and started again with `./ticker up -d`, the"
                + " way a rolling deploy or a crash restart starts a fresh JVM. As soon as both answer"
                + " `/q/health/ready`, "
                + readerCount
                + " SSE readers connect to a story opened before the restart, and a newsroom client"
                + " posts to it **open loop** at "
                + rate
                + " updates/s for "
                + window.toSeconds()
                + " s. Latency runs from each write's due time to each reader's frame (as in"
                + " publish-to-screen), and is kept apart per second of due time: the report shows it"
                + " per "
                + TABLE_WINDOW_SECONDS
                + "-second window, and **the time from ready until the p99 of every later second is"
                + " ≤ "
                + Format.ms(STABLE_P99_MS)
                + "**. Also: each service's time from its process start to ready, and its CPU while"
                + " starting and during the minute. Then the same load runs for another window on the"
                + " same readers: how far the first was from the service's pace a minute later."
                + " Nothing warms the new JVMs up but what they do themselves before they answer"
                + " ready.");
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      report.degrade("not measured", "Not measured: " + unavailable + ".");
      return report;
    }
    Http http = ctx.http();
    String host = ctx.stack().host();
    String token = ctx.stack().token("editor");
    Api.Opened opened;
    {
      HttpClient ingest = http.client(host, ctx.stack().ingestPort(), 4);
      HttpClient timeline = http.client(host, ctx.stack().timelinePort(), 4);
      try {
        opened = Api.openStoryAndWait(ingest, token, "Bench: cold start", Api.slug("bench-cold"));
        Http.Reply header =
            Api.awaitProjected(
                timeline, opened.storyId(), opened.version(), System.nanoTime() + 60_000_000_000L);
        if (header == null || header.status() != 200) {
          report.degrade("not measured", "The story never appeared on the timeline.");
          return report;
        }
      } finally {
        ingest.close();
        timeline.close();
      }
    }
    report.json().put("storyId", opened.storyId());
    List<String> bodies = Api.updateBodies(20, 200, "Bench update", 50, 600);

    // Stop.
    ArrayNode stopped = report.json().putArray("stopped");
    for (String name : RESTARTED) {
      ctx.progress().detail("stopping " + name);
      // a service training its AOT cache (JDK 25+, ./ticker up) writes it on the way out
      Stack.Stopped st = ctx.stack().stop(name, Duration.ofSeconds(120));
      ObjectNode o = stopped.addObject();
      o.put("name", name);
      o.put("graceful", st.graceful());
      o.put("seconds", LatencySummary.round(st.seconds(), 2));
      if (!st.wasRunning()) {
        report.note(name + " was not running before the restart.");
      }
    }

    // Start, and watch for readiness ourselves: ./ticker up -d returns a little after.
    ctx.progress().detail("starting ingest and timeline (./ticker up -d)");
    long upNanos = System.nanoTime();
    CompletableFuture<String> up =
        CompletableFuture.supplyAsync(() -> ctx.stack().start(START_TIMEOUT));
    Map<String, Integer> ports =
        Map.of("ingest", ctx.stack().ingestPort(), "timeline", ctx.stack().timelinePort());
    Map<String, Ready> ready = new LinkedHashMap<>();
    long deadline = upNanos + START_TIMEOUT.toNanos();
    while (ready.size() < RESTARTED.size() && System.nanoTime() < deadline) {
      if (up.isDone() && up.getNow(null) != null) {
        break; // ./ticker up failed
      }
      for (String name : RESTARTED) {
        if (!ready.containsKey(name) && ctx.stack().unavailable(name, ports.get(name)) == null) {
          Long pid = ctx.stack().pids().get(name);
          ready.put(
              name,
              new Ready(
                  System.nanoTime(),
                  Instant.now(),
                  pid == null ? -1 : pid,
                  pid == null ? -1 : Proc.cpuTicks(pid)));
        }
      }
      BenchContext.sleep(50);
    }
    if (ready.size() < RESTARTED.size()) {
      String failed = up.isDone() ? up.getNow(null) : null;
      report.degrade(
          "not measured",
          "The restarted services did not become ready"
              + (failed == null ? " within " + START_TIMEOUT.toSeconds() + " s" : ": " + failed)
              + ".");
      up.join();
      ctx.restarted();
      return report;
    }
    ctx.restarted();
    long allReady = ready.values().stream().mapToLong(Ready::nanos).max().orElseThrow();
    Map<String, Long> pids = ctx.stack().pids();
    CpuMeter meter = new CpuMeter(pids);
    CpuMeter.Snapshot minuteStart = meter.snapshot();

    // Start-up, per service: process start → ready, and its CPU by then.
    ArrayNode starts = report.json().putArray("starts");
    List<List<String>> startRows = new ArrayList<>();
    long hz = Proc.clockTicks();
    for (String name : RESTARTED) {
      Ready r = ready.get(name);
      Instant began =
          r.pid() < 0
              ? null
              : ProcessHandle.of(r.pid()).flatMap(h -> h.info().startInstant()).orElse(null);
      double toReady =
          began == null ? Double.NaN : Duration.between(began, r.at()).toMillis() / 1e3;
      double cpu = r.cpuTicks() < 0 ? Double.NaN : r.cpuTicks() / (double) hz;
      double sinceUp = (r.nanos() - upNanos) / 1e9;
      ObjectNode o = starts.addObject();
      o.put("name", name);
      o.put("processStartToReadySeconds", LatencySummary.round(toReady, 2));
      o.put("cpuSecondsUntilReady", LatencySummary.round(cpu, 2));
      o.put("sinceUpSeconds", LatencySummary.round(sinceUp, 2));
      startRows.add(
          List.of(name, Format.seconds(toReady), Format.seconds(cpu), Format.seconds(sinceUp)));
      report.figure(
          ScenarioReport.Figure.of(
              "coldStart." + name + ".readySeconds",
              name + ": process start → ready",
              toReady,
              "s",
              ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              "coldStart." + name + ".startCpuSeconds",
              name + ": CPU until ready",
              cpu,
              "s",
              ScenarioReport.Better.LOWER));
    }

    // The minute.
    PushCell.Result cell;
    HttpClient ingest = http.client(host, ctx.stack().ingestPort(), 256);
    HttpClient timeline = http.client(host, ctx.stack().timelinePort(), 8);
    OpenLoop.Request post =
        i ->
            Api.postUpdate(
                ingest, token, opened.storyId(), bodies.get((int) (i % bodies.size())), 30_000);
    double loadStartsAfterReady;
    ObjectNode minuteCpu;
    PushCell.Result after;
    ObjectNode afterCpu;
    try {
      ctx.progress().detail("connecting " + readerCount + " readers");
      try (PushCell.Readers r =
          PushCell.Readers.connect(
              ctx,
              ctx.stack().timelinePort(),
              "/api/v1/stories/" + opened.storyId() + "/stream",
              readerCount,
              ctx.settings().maxConcurrentConnects(),
              0)) {
        loadStartsAfterReady = (System.nanoTime() - allReady) / 1e9;
        cell =
            PushCell.run(
                ctx,
                "cold start, " + readerCount + " readers, " + rate + "/s",
                r,
                opened.version(),
                rate,
                window,
                ctx.settings().pushGrace(),
                post,
                timeline,
                f -> ctx.progress().fraction(f / 2));
        minuteCpu = CpuMeter.between(minuteStart, meter.snapshot());
        // The minute after, on the same readers: how far from warm the first one was.
        long version = opened.version() + cell.writes().accepted();
        Http.Reply h =
            Api.awaitProjected(
                timeline, opened.storyId(), version, System.nanoTime() + 30_000_000_000L);
        if (h != null && h.status() == 200) {
          version = Math.max(version, Api.version(h));
        }
        CpuMeter.Snapshot afterStart = meter.snapshot();
        after =
            PushCell.run(
                ctx,
                "the minute after, " + readerCount + " readers, " + rate + "/s",
                r,
                version,
                rate,
                window,
                ctx.settings().pushGrace(),
                post,
                timeline,
                f -> ctx.progress().fraction(0.5 + f / 2));
        afterCpu = CpuMeter.between(afterStart, meter.snapshot());
      }
    } finally {
      ingest.close();
      timeline.close();
    }
    report.phase("stack: the first window after ready", minuteCpu);
    report.phase("stack: the window after that", afterCpu);
    String upFailed = up.join();
    if (upFailed != null) {
      report.note("`./ticker up -d` reported: " + upFailed);
    }

    // Figures.
    ObjectNode j = cell.toJson();
    j.put("loadStartsAfterReadySeconds", LatencySummary.round(loadStartsAfterReady, 2));
    report.json().set("cell", j);
    report.json().set("after", after.toJson());
    List<Histogram> windows = merge(cell.bySecond(), TABLE_WINDOW_SECONDS);
    ArrayNode wj = report.json().putArray("windows");
    List<List<String>> rows = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      LatencySummary l = LatencySummary.of(windows.get(w));
      String span =
          (w * TABLE_WINDOW_SECONDS)
              + "–"
              + Math.min(window.toSeconds(), (w + 1L) * TABLE_WINDOW_SECONDS)
              + " s";
      ObjectNode o = wj.addObject();
      o.put("fromSecond", w * TABLE_WINDOW_SECONDS);
      o.set("latency", l.toJson());
      rows.add(
          List.of(
              span,
              Format.count(l.count()),
              Format.ms(l.p50Ms()),
              Format.ms(l.p99Ms()),
              Format.ms(l.maxMs())));
      report.figure(
          ScenarioReport.Figure.of(
              "coldStart.window" + (w * TABLE_WINDOW_SECONDS) + "s.p99Ms",
              "p99 of writes due " + span + " after the load began",
              l.p99Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
    }
    int stableSecond = stableFrom(cell.bySecond(), STABLE_P99_MS);
    double stableAfterReady = stableSecond < 0 ? Double.NaN : loadStartsAfterReady + stableSecond;
    report.json().put("stableFromSecondOfLoad", stableSecond);
    report.json().put("stableAfterReadySeconds", LatencySummary.round(stableAfterReady, 2));
    report.table(
        new ScenarioReport.Table(
            "Restarted services: process start → ready, CPU until ready, and since `./ticker up -d`",
            List.of("service", "start → ready", "CPU until ready", "since ./ticker up"),
            startRows));
    report.table(
        new ScenarioReport.Table(
            "Write due → frame parsed by each reader, the whole window (load began "
                + Format.seconds(loadStartsAfterReady)
                + " after both were ready)",
            PushCell.HEADER.subList(0, 9),
            List.of(PushCell.row(cell, null).subList(0, 9))));
    report.table(
        new ScenarioReport.Table(
            "The same, in the window after that (same readers, same rate)",
            PushCell.HEADER.subList(0, 9),
            List.of(PushCell.row(after, null).subList(0, 9))));
    report.table(
        new ScenarioReport.Table(
            "The same, by window of the writes' due time",
            List.of("writes due", "frames", "p50", "p99", "max"),
            rows));
    report.figure(
        ScenarioReport.Figure.of(
            "coldStart.p99Ms",
            "p99 over the first " + window.toSeconds() + " s",
            cell.latency().p99Ms(),
            "ms",
            ScenarioReport.Better.LOWER));
    report.figure(
        ScenarioReport.Figure.of(
            "coldStart.next.p99Ms",
            "p99 in the " + window.toSeconds() + " s after that",
            after.latency().p99Ms(),
            "ms",
            ScenarioReport.Better.LOWER));
    report.figure(
        ScenarioReport.Figure.of(
            "coldStart.p50Ms",
            "p50 over the first " + window.toSeconds() + " s",
            cell.latency().p50Ms(),
            "ms",
            ScenarioReport.Better.LOWER));
    report.figure(
        ScenarioReport.Figure.of(
            "coldStart.stableAfterReadySeconds",
            "time from ready until p99 stays ≤ " + Format.ms(STABLE_P99_MS),
            stableAfterReady,
            "s",
            ScenarioReport.Better.LOWER));
    report.figure(
        new ScenarioReport.Figure(
            "coldStart.achievedPerSecond",
            "writes achieved",
            cell.achievedRate(),
            "/s",
            rate,
            "asked",
            ScenarioReport.Better.HIGHER));
    report.figure(
        ScenarioReport.Figure.of(
            "coldStart.lost", "frames lost", cell.lost(), "frames", ScenarioReport.Better.LOWER));
    if (minuteCpu.get("componentCores") instanceof ObjectNode cores) {
      for (String name : RESTARTED) {
        if (cores.has(name)) {
          report.figure(
              ScenarioReport.Figure.of(
                  "coldStart." + name + ".cores",
                  name + ": CPU during the minute",
                  cores.get(name).asDouble(),
                  "cores",
                  ScenarioReport.Better.LOWER));
        }
      }
    }

    // Targets (issue 20).
    boolean fullLength = window.toSeconds() >= 60;
    report.target(
        new ScenarioReport.Target(
            "cold start: time from ready until p99 stays ≤ 250 ms at 50 updates/s",
            "≤ 30 s (aim ≤ 5 s)",
            stableSecond < 0
                ? "never within " + window.toSeconds() + " s"
                : Format.seconds(stableAfterReady)
                    + " (load began "
                    + Format.seconds(loadStartsAfterReady)
                    + " after ready)",
            !fullLength
                ? Grade.NOT_MEASURED
                : Grade.atRate(
                    rate, cell.achievedRate(), stableSecond >= 0 && stableAfterReady <= 30)));
    report.target(
        new ScenarioReport.Target(
            "cold start: p99 over the first 60 s",
            "≤ 1 s (aim ≤ 250 ms)",
            "p99 "
                + Format.ms(cell.latency().p99Ms())
                + ", "
                + Format.count(cell.lost())
                + " lost, at "
                + Format.number(cell.achievedRate())
                + "/s achieved",
            !fullLength
                ? Grade.NOT_MEASURED
                : Grade.atRate(rate, cell.achievedRate(), cell.latency().p99Ms() <= 1000)));
    if (!fullLength) {
      report.note("The targets need the full 60-second window; this run's was shorter.");
    }
    return report;
  }

  /**
   * When a restarted service first answered ready: {@link System#nanoTime()}, the wall clock (to
   * compare with its process start), its pid and its CPU ticks by then (-1 when its pid was not
   * known yet).
   */
  private record Ready(long nanos, Instant at, long pid, long cpuTicks) {}

  /**
   * The first second from which every later second's p99 is at or under {@code p99Ms}; -1 when the
   * last one is not. A second without frames does not count as under: its writes' frames never came
   * (or nothing was accepted).
   */
  static int stableFrom(List<Histogram> bySecond, double p99Ms) {
    int from = bySecond.size();
    for (int i = bySecond.size() - 1; i >= 0; i--) {
      Histogram h = bySecond.get(i);
      if (h.getTotalCount() == 0 || h.getValueAtPercentile(99) / 1000.0 > p99Ms) {
        break;
      }
      from = i;
    }
    return from == bySecond.size() ? -1 : from;
  }

  /** Consecutive {@code width} histograms added together (the last may be shorter). */
  static List<Histogram> merge(List<Histogram> bySecond, int width) {
    List<Histogram> out = new ArrayList<>();
    for (int i = 0; i < bySecond.size(); i += width) {
      Histogram h = news.ticker.bench.measure.Latencies.emptyHistogram();
      for (int k = i; k < Math.min(bySecond.size(), i + width); k++) {
        h.add(bySecond.get(k));
      }
      out.add(h);
    }
    return out;
  }
}
