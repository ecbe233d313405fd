package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.http.ConstantSse;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.kafka.Payloads;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.Grade;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.SvgChart;
import news.ticker.events.EventCodec;
import news.ticker.events.Ids;

/**
 * 1. N SSE readers on one story, updates posted at a steady rate; the time from the ingest call
 * returning to each reader receiving the frame. Limit: raw Kafka produce → consume latency on the
 * same broker with a record of the same size, at the same rate.
 */
public final class PublishToScreen implements Scenario {

  static final String ID = "publish-to-screen";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    double window = s.pushWindow().toSeconds() + 3;
    double connect = s.readers().stream().mapToDouble(n -> 2 + n / 500.0).sum();
    int most = s.readers().stream().mapToInt(Integer::intValue).max().orElse(0);
    return connect
        + 2
        + most / 500.0
        + (s.readers().size() + 1) * s.rates().size() * window
        + s.rates().size() * (s.kafkaLatencyWindow().toSeconds() + 3);
  }

  static final String SERVER_METRIC = "ticker_timeline_publish_to_screen_seconds";

  /** The timeline's own publish-to-screen histogram (event recorded → frame written), or empty. */
  static news.ticker.bench.measure.PromHistogram serverHistogram(HttpClient timeline) {
    Http.Reply r =
        Http.await(
            Api.get(timeline, "/q/metrics", java.util.Map.of("Accept", "text/plain")), 30_000);
    return news.ticker.bench.measure.PromHistogram.parse(
        r.status() == 200 ? r.text() : "", SERVER_METRIC);
  }

  /** Progress: cells and limit runs done, of all. */
  private final int[] step = {0};

  private int totalSteps;

  private void stepProgress(BenchContext ctx, double within) {
    ctx.progress().fraction((step[0] + Math.min(1.0, within)) / Math.max(1, totalSteps));
  }

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    totalSteps = s.readers().size() * s.rates().size() + 2 * s.rates().size();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "1. Publish to screen",
            "N Server-Sent-Events readers follow one story (`GET /api/v1/stories/{id}/stream`) while a newsroom"
                + " client posts updates to it **open loop**: write i is due at start + i/rate and is sent then,"
                + " whatever is in flight (up to "
                + Format.count(PushCell.MAX_IN_FLIGHT)
                + " outstanding; what that cap held back is counted). **Latency runs from the moment the write"
                + " was due** to the moment each reader parsed the frame with the version that write made, so"
                + " the write itself is inside the figure; the write's own latency (due → reply) is beside it."
                + " Frames are waited for until every reader has every accepted version, or "
                + s.pushGrace().toSeconds()
                + " s after the last write: what is missing then is **lost**; a frame more than 5 s after its"
                + " write was due is **late** (and still in the latency). Readers reconnect with"
                + " `Last-Event-ID` like a browser. A cell that achieved less than 95 % of its asked rate is"
                + " graded *rate not reached*. **Limits**: raw Kafka produce → consume on the same broker"
                + " (acks=all, the relay's producer settings, a record of the update event's size, at the"
                + " same rate, from the due time); and for the largest reader count a **constant SSE"
                + " server** (a bare Vert.x route that broadcasts a frame of the same size to the same number"
                + " of readers for each write to it), measured with the very same writer, readers and clock.");
    List<String> bodies = Api.updateBodies(7, 200, "Bench update", 50, 600);
    // The limit's record: an update-posted event of the same texts, sealed and encoded.
    UUID story = Ids.newId();
    Payloads.UpdateKey key = Payloads.newKey(story, Ids.newId(), Instant.now());
    var sample = Api.JSON.readTree(bodies.get(0));
    byte[] payload =
        new EventCodec()
            .encode(
                Payloads.posted(
                    key,
                    sample.path("headline").asText(),
                    sample.path("body").asText(),
                    Instant.now(),
                    Instant.now()));
    CpuMeter meter = new CpuMeter(ctx.stack().pids());

    List<PushCell.Result> cells = new ArrayList<>();
    String unavailable = unavailable(ctx);
    if (unavailable != null) {
      report.degrade(
          "partial",
          "Not measured against the stack: " + unavailable + ". Only the limits were measured.");
    } else {
      CpuMeter.Snapshot a = meter.snapshot();
      runCells(ctx, report, bodies, cells);
      report.phase("stack: all cells", CpuMeter.between(a, meter.snapshot()));
    }

    // Limit 1: Kafka produce → consume, per rate.
    List<Object[]> limits = new ArrayList<>();
    ArrayNode limitJson = report.json().putArray("kafkaLimit");
    for (int rate : s.rates()) {
      ctx.progress().detail("limit: Kafka produce→consume at " + rate + "/s");
      CpuMeter.Snapshot a = meter.snapshot();
      try {
        long windowMs = s.kafkaLatencyWindow().toMillis();
        KafkaBench.LatencyOutcome o =
            ctx.kafka()
                .produceConsumeLatency(
                    payload, rate, windowMs, 5_000, ns -> stepProgress(ctx, ns / 1e6 / windowMs));
        LatencySummary sum = LatencySummary.of(o.endToEnd().total());
        LatencySummary acks = LatencySummary.of(o.acks().total());
        limits.add(new Object[] {rate, sum, o});
        ObjectNode j = limitJson.addObject();
        j.put("rate", rate);
        j.put("payloadBytes", o.payloadBytes());
        j.put("sent", o.sent());
        j.put("received", o.received());
        j.set("latency", sum.toJson());
        j.set("ackLatency", acks.toJson());
        report.figure(
            new ScenarioReport.Figure(
                "limit.kafka." + rate + "ps.p99Ms",
                "limit: Kafka produce→consume p99 at " + rate + "/s",
                sum.p99Ms(),
                "ms",
                Double.NaN,
                "",
                ScenarioReport.Better.LOWER));
      } catch (Exception e) {
        report.degrade("partial", "Kafka limit at " + rate + "/s not measured: " + e);
      }
      report.phase("limit: Kafka at " + rate + "/s", CpuMeter.between(a, meter.snapshot()));
      step[0]++;
    }

    // Limit 2: a constant SSE server, for the largest reader count.
    int most = s.readers().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<PushCell.Result> sseLimits = new ArrayList<>();
    if (most > 0) {
      // the frames the timeline sent, by size (data bytes as the readers counted them)
      double mean =
          cells.stream()
              .mapToDouble(PushCell.Result::meanFrameBytes)
              .filter(x -> !Double.isNaN(x))
              .average()
              .orElse(payload.length);
      constantSseLimit(ctx, report, most, (int) Math.round(mean), sseLimits);
    }

    // Tables.
    if (!cells.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (PushCell.Result c : cells) {
        rows.add(PushCell.row(c, limitFor(limits, c.rate())));
      }
      report.table(
          new ScenarioReport.Table(
              "Write due → frame parsed by each reader (limit: Kafka produce→consume p99 at the rate)",
              PushCell.HEADER,
              rows));
      List<List<String>> extra = new ArrayList<>();
      for (PushCell.Result c : cells) {
        extra.add(
            List.of(
                Format.count(c.readers()),
                Integer.toString(c.rate()),
                Format.count(c.writes().sent() - c.writes().accepted())
                    + " "
                    + c.writes().statuses(),
                Format.count(c.writes().deferredByCap()),
                Format.count(c.duplicates()),
                Format.count(c.disconnects()) + " / " + Format.count(c.reconnects()),
                Format.bytes(c.meanFrameBytes()),
                Format.ms(c.serverP50Ms()) + " / " + Format.ms(c.serverP99Ms())));
      }
      report.table(
          new ScenarioReport.Table(
              "Writer and readers",
              List.of(
                  "readers",
                  "writes/s asked",
                  "writes not accepted (statuses)",
                  "held back by the in-flight cap",
                  "duplicate frames",
                  "disconnects / reconnects",
                  "mean frame data",
                  "timeline's own p50 / p99"),
              extra));
      report.note(
          "\"timeline's own p50 / p99\": the timeline's histogram `"
              + SERVER_METRIC
              + "` (from the event's recording in ingest to the frame written to the connections),"
              + " read from /q/metrics before and after each cell; bucket-interpolated.");
    }
    if (!sseLimits.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (PushCell.Result c : sseLimits) {
        rows.add(PushCell.row(c, null));
      }
      report.table(
          new ScenarioReport.Table(
              "Limit: a constant SSE server, same writer, readers, frame size and clock",
              PushCell.HEADER,
              rows));
    }
    List<List<String>> limitRows = new ArrayList<>();
    for (Object[] l : limits) {
      LatencySummary sum = (LatencySummary) l[1];
      KafkaBench.LatencyOutcome o = (KafkaBench.LatencyOutcome) l[2];
      limitRows.add(
          List.of(
              l[0] + "/s",
              Format.bytes(o.payloadBytes()),
              Format.count(o.sent()),
              Format.count(o.sent() - o.received()),
              Format.ms(sum.p50Ms()),
              Format.ms(sum.p95Ms()),
              Format.ms(sum.p99Ms()),
              Format.ms(sum.maxMs())));
    }
    if (!limitRows.isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              "Limit: raw Kafka produce → consume, same broker, same record size (acks=all)",
              List.of("rate", "record", "sent", "lost", "p50", "p95", "p99", "max"),
              limitRows));
    }

    // Figures, for --compare.
    for (PushCell.Result c : cells) {
      String k = "cell." + c.readers() + "r." + c.rate() + "ps.";
      String l = Format.count(c.readers()) + " readers, " + c.rate() + "/s: ";
      LatencySummary limit = limitFor(limits, c.rate());
      PushCell.Result sse =
          sseLimits.stream()
              .filter(x -> x.rate() == c.rate() && x.readers() == c.readers())
              .findFirst()
              .orElse(null);
      double limitP99 =
          sse != null ? sse.latency().p99Ms() : limit == null ? Double.NaN : limit.p99Ms();
      String limitLabel = sse != null ? "constant SSE p99" : "Kafka p99";
      report.figure(
          new ScenarioReport.Figure(
              k + "p99Ms",
              l + "publish-to-screen p99",
              c.latency().p99Ms(),
              "ms",
              limitP99,
              limitLabel,
              ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              k + "p50Ms",
              l + "publish-to-screen p50",
              c.latency().p50Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              k + "lost", l + "frames lost", c.lost(), "frames", ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              k + "late",
              l + "frames late (> 5 s)",
              c.late(),
              "frames",
              ScenarioReport.Better.LOWER));
      report.figure(
          new ScenarioReport.Figure(
              k + "achievedPerSecond",
              l + "writes achieved",
              c.achievedRate(),
              "/s",
              c.rate(),
              "asked",
              ScenarioReport.Better.HIGHER));
      report.figure(
          ScenarioReport.Figure.of(
              k + "writeP99Ms",
              l + "write p99 (from due)",
              c.writeLatency().p99Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
    }
    for (PushCell.Result c : sseLimits) {
      report.figure(
          ScenarioReport.Figure.of(
              "limit.constantSse." + c.readers() + "r." + c.rate() + "ps.p99Ms",
              "limit: constant SSE p99, "
                  + Format.count(c.readers())
                  + " readers, "
                  + c.rate()
                  + "/s",
              c.latency().p99Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
    }

    // Chart.
    List<SvgChart.Line> lines = new ArrayList<>();
    for (PushCell.Result c : cells) {
      if (c.latency().count() > 0) {
        lines.add(
            new SvgChart.Line(
                Format.count(c.readers()) + " readers, " + c.rate() + "/s", c.latency().cdf()));
      }
    }
    for (Object[] l : limits) {
      LatencySummary sum = (LatencySummary) l[1];
      if (sum.count() > 0) {
        lines.add(new SvgChart.Line("limit: Kafka " + l[0] + "/s", sum.cdf(), true));
      }
    }
    for (PushCell.Result c : sseLimits) {
      if (c.latency().count() > 0) {
        lines.add(
            new SvgChart.Line(
                "limit: constant SSE, " + Format.count(c.readers()) + ", " + c.rate() + "/s",
                c.latency().cdf(),
                true));
      }
    }
    if (!lines.isEmpty()) {
      report.chart(
          new ScenarioReport.Chart(
              "publish-to-screen-latency.svg",
              "Publish-to-screen latency by percentile, from the write's due time, with the limits"
                  + " (dashed)",
              SvgChart.percentiles("Publish to screen: write due → SSE frame", lines)));
    }

    // Targets (issue 13's floors).
    target(report, cells, 1000, 100, 250, true, "p99 ≤ 250 ms, none lost");
    target(report, cells, 1000, 10, 100, false, "p99 ≤ 100 ms");
    target(report, cells, 10_000, 10, 250, true, "p99 ≤ 250 ms, none lost");
    PushCell.Result bigFast = find(cells, 10_000, 100);
    report.target(
        new ScenarioReport.Target(
            "10,000 readers at 100 updates/s: frames lost",
            "0 lost (aim: p99 ≤ 2 × the constant-SSE limit)",
            bigFast == null
                ? "not run (full run only)"
                : Format.count(bigFast.lost())
                    + " lost, "
                    + Format.count(bigFast.late())
                    + " late, p99 "
                    + Format.ms(bigFast.latency().p99Ms()),
            bigFast == null
                ? Grade.NOT_MEASURED
                : Grade.atRate(100, bigFast.achievedRate(), bigFast.lost() == 0)));
    PushCell.Result big =
        cells.stream().filter(c -> c.readers() >= 10_000).findFirst().orElse(null);
    report.target(
        new ScenarioReport.Target(
            "concurrent SSE readers on one timeline instance",
            "10,000",
            big == null ? "not run (full run only)" : Format.count(big.counted()) + " connected",
            big == null ? null : big.counted() >= 10_000));
    return report;
  }

  private static PushCell.Result find(List<PushCell.Result> cells, int readers, int rate) {
    return cells.stream()
        .filter(c -> c.readers() == readers && c.rate() == rate)
        .findFirst()
        .orElse(null);
  }

  private static void target(
      ScenarioReport report,
      List<PushCell.Result> cells,
      int readers,
      int rate,
      double p99Ms,
      boolean noneLost,
      String goal) {
    PushCell.Result c = find(cells, readers, rate);
    String what =
        "publish-to-screen p99 at "
            + rate
            + " updates/s with "
            + Format.count(readers)
            + " readers";
    if (c == null || c.latency().count() == 0) {
      String why = c == null && readers >= 10_000 ? "not run (full run only)" : "not run";
      report.target(new ScenarioReport.Target(what, goal, why, Grade.NOT_MEASURED));
      return;
    }
    boolean met = c.latency().p99Ms() <= p99Ms && (!noneLost || c.lost() == 0);
    report.target(
        new ScenarioReport.Target(
            what,
            goal,
            "p99 "
                + Format.ms(c.latency().p99Ms())
                + ", "
                + Format.count(c.lost())
                + " lost, at "
                + Format.number(c.achievedRate())
                + "/s achieved",
            Grade.atRate(rate, c.achievedRate(), met)));
  }

  /**
   * The fan-out limit: the same cells against a constant SSE server that broadcasts a frame of the
   * event's size for every write posted to it.
   */
  private void constantSseLimit(
      BenchContext ctx,
      ScenarioReport report,
      int readers,
      int frameBytes,
      List<PushCell.Result> out) {
    Settings s = ctx.settings();
    Map<String, Long> pids = new LinkedHashMap<>(ctx.stack().pids());
    try (ConstantSse server = ConstantSse.start(ctx, frameBytes)) {
      pids.put("constant SSE server", server.pid());
      CpuMeter meter = new CpuMeter(pids);
      ctx.progress().detail("limit: connecting " + readers + " readers to a constant SSE server");
      try (PushCell.Readers r =
          PushCell.Readers.connect(
              ctx, server.port(), ConstantSse.STREAM, readers, s.maxConcurrentConnects(), 0)) {
        if (r.sse.connected() < readers) {
          report.note(
              "Constant-SSE limit: "
                  + Format.count(r.sse.connected())
                  + " of "
                  + Format.count(readers)
                  + " readers connected "
                  + r.sse.failures());
        }
        for (int rate : s.rates()) {
          BenchContext.sleep(1000);
          CpuMeter.Snapshot a = meter.snapshot();
          out.add(
              PushCell.run(
                  ctx,
                  "limit: constant SSE, " + Format.count(readers) + " readers, " + rate + "/s",
                  r,
                  server.lastId(),
                  rate,
                  s.pushWindow(),
                  s.pushGrace(),
                  i -> server.publish(),
                  null,
                  within -> stepProgress(ctx, within)));
          report.phase(
              "limit: constant SSE, " + Format.count(readers) + " readers, " + rate + "/s",
              CpuMeter.between(a, meter.snapshot()));
          step[0]++;
        }
      }
    } catch (Exception e) {
      report.degrade("partial", "Constant-SSE limit not measured: " + e);
    }
  }

  private static LatencySummary limitFor(List<Object[]> limits, int rate) {
    for (Object[] l : limits) {
      if ((int) l[0] == rate) {
        return (LatencySummary) l[1];
      }
    }
    return null;
  }

  static String unavailable(BenchContext ctx) {
    String a = ctx.stack().unavailable("ingest-service", ctx.stack().ingestPort());
    String b = ctx.stack().unavailable("timeline-service", ctx.stack().timelinePort());
    return a != null ? a : b;
  }

  private void runCells(
      BenchContext ctx, ScenarioReport report, List<String> bodies, List<PushCell.Result> cells)
      throws Exception {
    Settings s = ctx.settings();
    Http http = ctx.http();
    String host = ctx.stack().host();
    HttpClient ingest = http.client(host, ctx.stack().ingestPort(), 256);
    HttpClient timeline = http.client(host, ctx.stack().timelinePort(), 8);
    String token = ctx.stack().token("editor");
    Api.Opened opened =
        Api.openStoryAndWait(ingest, token, "Bench: publish to screen", Api.slug("bench-push"));
    report.json().put("storyId", opened.storyId());
    Http.Reply header =
        Api.awaitProjected(
            timeline, opened.storyId(), opened.version(), System.nanoTime() + 60_000_000_000L);
    if (header == null || header.status() != 200) {
      report.degrade(
          "partial",
          "The story never appeared on the timeline (last answer "
              + (header == null ? "none" : header.status())
              + ").");
      return;
    }
    long version = Api.version(header);
    ArrayNode cellsJson = report.json().putArray("cells");
    Long timelinePid = ctx.stack().pids().get("timeline");
    long timelineFiles =
        timelinePid == null ? -1 : news.ticker.bench.measure.Proc.maxOpenFiles(timelinePid);
    long ownFiles = news.ticker.bench.measure.Proc.maxOpenFiles(ProcessHandle.current().pid());
    List<String> waits = new ArrayList<>();
    for (int n : s.readers()) {
      if (timelineFiles > 0 && timelineFiles < n + 500) {
        report.note(
            "The timeline may open only "
                + Format.count(timelineFiles)
                + " files, too few for "
                + Format.count(n)
                + " readers: start the stack from bench/run.sh (it raises the limit first) or with a"
                + " higher `ulimit -n`.");
      }
      if (ownFiles > 0 && ownFiles < n + 500) {
        report.note(
            "The bench itself may open only "
                + Format.count(ownFiles)
                + " files, too few for "
                + Format.count(n)
                + " readers.");
      }
      ctx.progress().detail("connecting " + n + " readers");
      try (PushCell.Readers readers =
          PushCell.Readers.connect(
              ctx,
              ctx.stack().timelinePort(),
              "/api/v1/stories/" + opened.storyId() + "/stream",
              n,
              s.maxConcurrentConnects(),
              0)) {
        if (readers.sse.connected() == 0) {
          report.degrade("partial", n + " readers: none connected " + readers.sse.failures());
          continue;
        }
        if (!readers.sse.failures().isEmpty() || readers.sse.connected() < n) {
          report.note(
              Format.count(n)
                  + " readers: "
                  + Format.count(readers.sse.connected())
                  + " connected; failures "
                  + readers.sse.failures());
        }
        BenchContext.sleep(1000);
        for (int rate : s.rates()) {
          Http.Reply h =
              Api.awaitProjected(
                  timeline, opened.storyId(), version, System.nanoTime() + 30_000_000_000L);
          if (h != null && h.status() == 200) {
            version = Math.max(version, Api.version(h));
          }
          String label = Format.count(n) + " readers, " + rate + "/s";
          BenchContext.Quiet quiet = ctx.awaitQuiet(label);
          waits.add(
              label
                  + " "
                  + Format.seconds(quiet.seconds())
                  + (quiet.quiet() ? "" : " (not quiet: lag " + quiet.lag() + ")"));
          PushCell.Result cell =
              PushCell.run(
                  ctx,
                  label,
                  readers,
                  version,
                  rate,
                  s.pushWindow(),
                  s.pushGrace(),
                  i ->
                      Api.postUpdate(
                          ingest,
                          token,
                          opened.storyId(),
                          bodies.get((int) (i % bodies.size())),
                          30_000),
                  timeline,
                  within -> stepProgress(ctx, within));
          step[0]++;
          cells.add(cell);
          ObjectNode j = cell.toJson();
          j.put("connectSeconds", LatencySummary.round(readers.connectSeconds, 2));
          j.put("readerSourceAddresses", readers.sse.addresses());
          j.put("heartbeats", readers.sse.heartbeats());
          j.set("quietBefore", quiet.toJson());
          cellsJson.add(j);
          version = Math.max(version, version + cell.writes().accepted());
        }
      }
      BenchContext.sleep(1000);
    }
    report.note(
        "Before each cell the bench waited until the timeline had read everything before it (the"
            + " previous cell's backlog): "
            + String.join(", ", waits)
            + ".");
    ingest.close();
    timeline.close();
  }

  /**
   * A standalone cell on a story of its own: opens it, connects the readers, runs one window at one
   * rate, closes. For cells measured while something else runs (a rebuild).
   */
  static PushCell.Result standalone(
      BenchContext ctx, ScenarioReport report, int readers, int rate, java.time.Duration window) {
    Http http = ctx.http();
    HttpClient ingest = http.client(ctx.stack().host(), ctx.stack().ingestPort(), 64);
    HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 4);
    try {
      String token = ctx.stack().token("editor");
      Api.Opened opened =
          Api.openStoryAndWait(ingest, token, "Bench: publish to screen", Api.slug("bench-push"));
      Http.Reply header =
          Api.awaitProjected(
              timeline, opened.storyId(), opened.version(), System.nanoTime() + 60_000_000_000L);
      if (header == null || header.status() != 200) {
        report.degrade("partial", "The story of the publish-to-screen cell never appeared.");
        return null;
      }
      List<String> bodies = Api.updateBodies(13, 50, "Bench update", 50, 600);
      try (PushCell.Readers r =
          PushCell.Readers.connect(
              ctx,
              ctx.stack().timelinePort(),
              "/api/v1/stories/" + opened.storyId() + "/stream",
              readers,
              ctx.settings().maxConcurrentConnects(),
              500)) {
        BenchContext.sleep(1000);
        return PushCell.run(
            ctx,
            Format.count(readers) + " readers, " + rate + "/s",
            r,
            Api.version(header),
            rate,
            window,
            ctx.settings().pushGrace(),
            i ->
                Api.postUpdate(
                    ingest, token, opened.storyId(), bodies.get((int) (i % bodies.size())), 30_000),
            timeline,
            within -> {});
      }
    } finally {
      ingest.close();
      timeline.close();
    }
  }
}
