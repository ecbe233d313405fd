package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.http.Http;
import news.ticker.bench.http.SseReaders;
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.kafka.Payloads;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
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

  /**
   * Writes to the story outstanding at once: a few editors posting together. The scenario measures
   * fan-out, not write contention on one story (that is scenario 2's business).
   */
  static final int MAX_WRITES_IN_FLIGHT = 8;

  /** Readers per loopback source address: below the timeline's per-client limit (16). */
  static final int READERS_PER_ADDRESS = 8;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    double window = s.pushWindow().toSeconds() + 3;
    double connect = s.readers().stream().mapToDouble(n -> 2 + n / 500.0).sum();
    return connect
        + s.readers().size() * s.rates().size() * window
        + s.rates().size() * (s.kafkaLatencyWindow().toSeconds() + 3);
  }

  private record Cell(
      int readers,
      int connected,
      int rate,
      RateWriter.Outcome writes,
      long expected,
      long received,
      long lost,
      long duplicates,
      long early,
      long disconnects,
      long reconnects,
      double meanFrameBytes,
      LatencySummary latency,
      double serverP50Ms,
      double serverP99Ms) {}

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

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    totalSteps =
        ctx.settings().readers().size() * ctx.settings().rates().size()
            + ctx.settings().rates().size();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "1. Publish to screen",
            "N Server-Sent-Events readers follow one story (`GET /api/v1/stories/{id}/stream`) while a newsroom"
                + " client posts updates to it at a steady rate (open loop, on schedule, at most "
                + MAX_WRITES_IN_FLIGHT
                + " outstanding). Latency: from the"
                + " moment the ingest call (`POST …/updates`) returned to the moment each reader parsed the"
                + " frame with that version; frames lost: versions a reader that was connected did not receive"
                + " by the end of the grace period (frames are waited for while they keep coming, up to "
                + ctx.settings().pushGrace().toSeconds()
                + " s after the last write)"
                + " (readers reconnect with `Last-Event-ID` like a browser). **Limit**: raw Kafka produce →"
                + " consume latency on the same broker (acks=all, the relay's producer settings, one consumer),"
                + " with a record of the same size as the update's event, at the same rate.");
    Settings s = ctx.settings();
    Random random = new Random(7);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bodies.add(
          Api.updateRequest(
                  "Bench update " + i + ": " + Payloads.words(random, 50),
                  Payloads.htmlBody(random, 600))
              .toString());
    }
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

    List<Cell> cells = new ArrayList<>();
    String unavailable = unavailable(ctx);
    if (unavailable != null) {
      report.degrade(
          "partial",
          "Not measured against the stack: " + unavailable + ". Only the limit was measured.");
    } else {
      runCells(ctx, report, bodies, cells);
    }

    // The limit, per rate.
    List<Object[]> limits = new ArrayList<>();
    ArrayNode limitJson = report.json().putArray("kafkaLimit");
    step[0] = s.readers().size() * s.rates().size();
    for (int rate : s.rates()) {
      ctx.progress().detail("limit: Kafka produce→consume at " + rate + "/s");
      try {
        long windowMs = s.kafkaLatencyWindow().toMillis();
        KafkaBench.LatencyOutcome o =
            ctx.kafka()
                .produceConsumeLatency(
                    payload,
                    rate,
                    windowMs,
                    5_000,
                    ns ->
                        ctx.progress()
                            .update(
                                (step[0] + Math.min(1.0, ns / 1e6 / windowMs)) / totalSteps,
                                String.format(
                                    Locale.ROOT,
                                    "limit: Kafka produce→consume at %d/s  %ds/%ds",
                                    rate,
                                    ns / 1_000_000_000L,
                                    windowMs / 1000)));
        step[0]++;
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
      } catch (Exception e) {
        report.degrade("partial", "Kafka limit at " + rate + "/s not measured: " + e);
      }
    }

    // Tables.
    List<List<String>> rows = new ArrayList<>();
    for (Cell c : cells) {
      LatencySummary limit = limitFor(limits, c.rate());
      rows.add(
          List.of(
              Format.count(c.readers())
                  + (c.connected() < c.readers()
                      ? " (" + Format.count(c.connected()) + " connected)"
                      : ""),
              c.rate()
                  + " ("
                  + Format.number(c.writes().accepted() / c.writes().seconds())
                  + " accepted)",
              Format.count(c.expected()),
              Format.count(c.lost()),
              Format.ms(c.latency().p50Ms()),
              Format.ms(c.latency().p95Ms()),
              Format.ms(c.latency().p99Ms()),
              Format.ms(c.latency().maxMs()),
              limit == null ? "n/a" : Format.ms(limit.p99Ms()),
              limit == null ? "n/a" : Format.ratio(c.latency().p99Ms(), limit.p99Ms())));
    }
    if (!rows.isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              "Ingest call returned → frame parsed by each reader",
              List.of(
                  "readers",
                  "updates/s",
                  "frames expected",
                  "frames lost",
                  "p50",
                  "p95",
                  "p99",
                  "max",
                  "limit p99 (Kafka)",
                  "ratio p99"),
              rows));
      List<List<String>> extra = new ArrayList<>();
      for (Cell c : cells) {
        extra.add(
            List.of(
                Format.count(c.readers()),
                Integer.toString(c.rate()),
                Format.ms(LatencySummary.of(c.writes().latencies().total()).p50Ms()),
                Format.ms(LatencySummary.of(c.writes().latencies().total()).p99Ms()),
                Format.count(c.writes().sent() - c.writes().accepted()),
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
                  "updates/s",
                  "write p50",
                  "write p99",
                  "writes not accepted",
                  "duplicate frames",
                  "disconnects / reconnects",
                  "mean frame data",
                  "timeline's own p50 / p99"),
              extra));
      report.note(
          "\"timeline's own p50 / p99\": the timeline's histogram `"
              + SERVER_METRIC
              + "` (from the event's recording in ingest to the frame written to the connections),"
              + " read from /q/metrics before and after each cell; bucket-interpolated. The difference"
              + " to the readers' figures is the time the frames spent in sockets and in the client.");
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
              "Limit: raw Kafka produce → consume, same broker, same record size",
              List.of("rate", "record", "sent", "lost", "p50", "p95", "p99", "max"),
              limitRows));
    }

    // Chart.
    List<SvgChart.Line> lines = new ArrayList<>();
    for (Cell c : cells) {
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
    if (!lines.isEmpty()) {
      report.chart(
          new ScenarioReport.Chart(
              "publish-to-screen-latency.svg",
              "Publish-to-screen latency by percentile, with the raw Kafka limit (dashed)",
              SvgChart.percentiles("Publish to screen: ingest reply → SSE frame", lines)));
    }

    // Targets.
    Cell target =
        cells.stream().filter(c -> c.readers() == 1000 && c.rate() == 100).findFirst().orElse(null);
    report.target(
        new ScenarioReport.Target(
            "p99 at 100 updates/s with 1,000 readers",
            "< 250 ms, no frame lost",
            target == null
                ? "not run"
                : "p99 " + Format.ms(target.latency().p99Ms()) + ", " + target.lost() + " lost",
            target == null || target.latency().count() == 0
                ? null
                : target.latency().p99Ms() < 250 && target.lost() == 0));
    Cell big = cells.stream().filter(c -> c.readers() >= 10_000).findFirst().orElse(null);
    report.target(
        new ScenarioReport.Target(
            "concurrent SSE readers on one timeline instance",
            "10,000",
            big == null ? "not run (full run only)" : Format.count(big.connected()) + " connected",
            big == null ? null : big.connected() >= 10_000));
    return report;
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
      BenchContext ctx, ScenarioReport report, List<String> bodies, List<Cell> cells)
      throws Exception {
    Settings s = ctx.settings();
    Http http = ctx.http();
    String host = ctx.stack().host();
    HttpClient ingest = http.client(host, ctx.stack().ingestPort(), 80);
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
    PushTracker[] current = new PushTracker[1];
    Long timelinePid = ctx.stack().pids().get("timeline");
    long timelineFiles =
        timelinePid == null ? -1 : news.ticker.bench.measure.Proc.maxOpenFiles(timelinePid);
    long ownFiles = news.ticker.bench.measure.Proc.maxOpenFiles(ProcessHandle.current().pid());
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
      ctx.progress().update(step[0] / (double) totalSteps, "connecting " + n + " readers");
      SseReaders readers =
          new SseReaders(
              http,
              host,
              ctx.stack().timelinePort(),
              "/api/v1/stories/" + opened.storyId() + "/stream",
              n,
              READERS_PER_ADDRESS,
              false,
              (reader, event, id, bytes, data, nanos) -> {
                PushTracker t = current[0];
                if (t != null) {
                  t.frame(reader, event, id, bytes, nanos);
                }
              });
      try {
        long t0 = System.nanoTime();
        try {
          Http.await(readers.connectAll(s.maxConcurrentConnects()), 60_000 + n * 20L);
        } catch (IllegalStateException e) {
          report.note(
              n + " readers: connecting did not finish in time; measured with those connected.");
        }
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        if (readers.connected() == 0) {
          report.degrade("partial", n + " readers: none connected " + readers.failures());
          continue;
        }
        if (!readers.failures().isEmpty()) {
          report.note(
              Format.count(n)
                  + " readers: "
                  + Format.count(readers.connected())
                  + " connected; failures "
                  + readers.failures());
        }
        BenchContext.sleep(1000);
        for (int rate : s.rates()) {
          Http.Reply h =
              Api.awaitProjected(
                  timeline, opened.storyId(), version, System.nanoTime() + 30_000_000_000L);
          if (h != null && h.status() == 200) {
            version = Math.max(version, Api.version(h));
          }
          long windowMs = s.pushWindow().toMillis();
          int capacity = (int) (rate * windowMs / 1000) + 64;
          boolean[] counted = new boolean[n];
          int countedReaders = 0;
          for (int i = 0; i < n; i++) {
            counted[i] = readers.everConnected(i);
            countedReaders += counted[i] ? 1 : 0;
          }
          long disconnects0 = readers.disconnects();
          long reconnects0 = readers.reconnects();
          long retries0 = Api.RETRIES.sum();
          news.ticker.bench.measure.PromHistogram server0 = serverHistogram(timeline);
          PushTracker tracker = new PushTracker(n, version, capacity);
          current[0] = tracker;
          String label = Format.count(n) + " readers, " + rate + "/s";
          RateWriter.Outcome w =
              RateWriter.run(
                  http.vertx(),
                  ingest,
                  token,
                  opened.storyId(),
                  bodies,
                  rate,
                  windowMs,
                  MAX_WRITES_IN_FLIGHT,
                  tracker::written,
                  ns ->
                      ctx.progress()
                          .update(
                              (step[0] + Math.min(1.0, ns / 1e6 / windowMs)) / totalSteps,
                              String.format(
                                  Locale.ROOT,
                                  "%s  %ds/%ds",
                                  label,
                                  ns / 1_000_000_000L,
                                  windowMs / 1000)));
          long expected = (long) tracker.writtenCount() * countedReaders;
          // Late frames still count: wait while they keep coming (up to the grace), stop when
          // all arrived or nothing arrived for 2 s.
          long graceEnd = System.nanoTime() + s.pushGrace().toNanos();
          long lastCount = -1;
          long lastChange = System.nanoTime();
          while (tracker.frames() < expected && System.nanoTime() < graceEnd) {
            long now = System.nanoTime();
            if (tracker.frames() != lastCount) {
              lastCount = tracker.frames();
              lastChange = now;
            } else if (now - lastChange > 2_000_000_000L) {
              break;
            }
            ctx.progress()
                .detail(
                    label
                        + "  waiting for the last frames: "
                        + Format.count(tracker.frames())
                        + "/"
                        + Format.count(expected));
            BenchContext.sleep(100);
          }
          current[0] = null;
          step[0]++;
          news.ticker.bench.measure.PromHistogram server = serverHistogram(timeline).minus(server0);
          tracker.settle();
          long lost = tracker.lost(i -> counted[i]);
          LatencySummary latency = LatencySummary.of(tracker.latencies().total());
          Cell cell =
              new Cell(
                  n,
                  countedReaders,
                  rate,
                  w,
                  expected,
                  tracker.frames(),
                  lost,
                  tracker.duplicates(),
                  tracker.early(),
                  readers.disconnects() - disconnects0,
                  readers.reconnects() - reconnects0,
                  tracker.meanFrameBytes(),
                  latency,
                  server.quantile(0.5) * 1000,
                  server.quantile(0.99) * 1000);
          cells.add(cell);
          if (w.maxVersion() > version) {
            version = w.maxVersion();
          }
          ObjectNode j = cellsJson.addObject();
          j.put("readers", n);
          j.put("readersConnected", countedReaders);
          j.put("readerSourceAddresses", readers.addresses());
          j.put("connectSeconds", LatencySummary.round(connectSeconds, 2));
          j.put("rate", rate);
          j.put("windowSeconds", w.seconds());
          ObjectNode wj = j.putObject("writes");
          wj.put("sent", w.sent());
          wj.put("accepted", w.accepted());
          wj.put("acceptedPerSecond", LatencySummary.round(w.accepted() / w.seconds(), 2));
          wj.put("deferredTicks", w.deferred());
          wj.put("retriesOf409or503", Api.RETRIES.sum() - retries0);
          ObjectNode st = wj.putObject("statuses");
          w.statuses().forEach((k, v) -> st.put(Integer.toString(k), v));
          wj.set("latency", LatencySummary.of(w.latencies().total()).toJson());
          ObjectNode fj = j.putObject("frames");
          fj.put("expected", expected);
          fj.put("received", tracker.frames());
          fj.put("lost", lost);
          fj.put("duplicates", tracker.duplicates());
          fj.put("beforeReply", tracker.early());
          fj.put("disconnects", cell.disconnects());
          fj.put("reconnects", cell.reconnects());
          fj.put(
              "meanDataBytes",
              Double.isNaN(cell.meanFrameBytes())
                  ? 0
                  : LatencySummary.round(cell.meanFrameBytes(), 1));
          j.set("latency", latency.toJson());
          j.put("heartbeats", readers.heartbeats());
          ObjectNode sj = j.putObject("serverView");
          sj.put("metric", SERVER_METRIC);
          sj.put("frames", server.total());
          if (server.total() > 0) {
            sj.put("p50Ms", LatencySummary.round(server.quantile(0.5) * 1000, 3));
            sj.put("p99Ms", LatencySummary.round(server.quantile(0.99) * 1000, 3));
          }
        }
      } finally {
        current[0] = null;
        try {
          Http.await(readers.close(), 30_000);
        } catch (IllegalStateException e) {
          // closing anyway
        }
      }
      BenchContext.sleep(1000);
    }
    ingest.close();
    timeline.close();
  }
}
