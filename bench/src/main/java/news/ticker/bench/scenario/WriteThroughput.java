package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.http.ClosedLoop;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.Payloads;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.pg.PostgresLimit;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.ScenarioReport.Better;
import news.ticker.bench.report.ScenarioReport.Figure;
import news.ticker.bench.report.SvgChart;
import news.ticker.events.Ids;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * 2. Writes: how many durable writes per second ingest accepts at most (a closed-loop saturation
 * test of many clients on many stories), and how one story takes 100 and 1,000 writes per second
 * asked on an open-loop schedule. Limits, each run alone after the stack's load: the Kafka producer
 * with the relay's settings, and PostgreSQL's durable single-row commits, group commit, and the
 * very rows and statements of a write, one per commit and batched ({@link WriteLimits}).
 */
public final class WriteThroughput implements Scenario {

  static final String ID = "write-throughput";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    return 5
        + s.singleStoryRates().size() * (s.singleStoryWindow().toSeconds() + 5)
        + s.writeWarmup().toSeconds()
        + s.writeWindow().toSeconds()
        + 10
        + s.kafkaProducerWindow().toSeconds()
        + 4 * (s.postgresWindow().toSeconds() + 1)
        + 6;
  }

  /** Records and rows of one write, made once and reused so the limits measure sending only. */
  private record Sample(
      List<ProducerRecord<String, byte[]>> records, PostgresLimit.WriteRows rows) {}

  /** What the saturation cell measured. */
  private record Saturation(
      ClosedLoop.Outcome loop, int stories, double secondsUntilProjected, int notProjected) {
    double accepted() {
      return loop.acceptedRate();
    }

    LatencySummary latency() {
      return LatencySummary.of(loop.latencies().total());
    }
  }

  static String description(Settings s) {
    return String.format(
        Locale.ROOT,
        "**Saturation** (how many writes per second at most): %d concurrent newsroom clients in a"
            + " closed loop (each posts its next update when the last one answered) post updates of"
            + " about 600 characters to %d stories, for %d s after a %d s warm-up; then the time until"
            + " the timeline shows every story at its last accepted version. A closed loop is the"
            + " right tool for a ceiling, and only for that: its latency is the latency of a queue the"
            + " clients keep full, not a latency any user sees. **One story, open loop**: a new story,"
            + " no readers, updates posted on a schedule at %s writes/s asked, each for %d s, whatever"
            + " is in flight (at most %,d outstanding; what that cap held back is counted as"
            + " deferred); each write's latency runs from the moment it was due, not from the moment"
            + " it was sent. Accepted writes are durable: committed in ingest's event store with"
            + " their outbox rows. **Limits**, same machine, same run, each run alone after the"
            + " stack's load and in a CPU phase of its own: a raw Kafka producer with the"
            + " relay's settings (acks=all, idempotent) sending the two records each write publishes"
            + " (content key + sealed event), as many as it takes; PostgreSQL in a scratch database"
            + " `bench` on the stack's server (its own durability settings), from %d connections:"
            + " (a) single-row commits (one event row per transaction); (b) group commit (%d event"
            + " rows per INSERT, one commit each): the physical ceiling a batched write path can"
            + " approach; (c) the rows and statements of one accepted write (idempotency claim, the"
            + " story's advisory lock, the tail read, the event, the content key, two outbox rows,"
            + " the stored response), one write per transaction; (d) the same for %d writes of"
            + " different stories per transaction, multi-row statements, locks taken in order: what"
            + " a group commit of writes can approach.",
        s.writeClients(),
        s.writeStories(),
        s.writeWindow().toSeconds(),
        s.writeWarmup().toSeconds(),
        String.join(
            " and ", s.singleStoryRates().stream().map(r -> String.format("%,d", r)).toList()),
        s.singleStoryWindow().toSeconds(),
        SingleStoryCell.MAX_IN_FLIGHT,
        s.postgresConnections(),
        WriteLimits.BATCH,
        WriteLimits.BATCH);
  }

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    ScenarioReport report = new ScenarioReport(ID, "2. Write throughput", description(s));
    Random random = new Random(11);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bodies.add(
          Api.updateRequest(
                  "Bench write " + i + ": " + Payloads.words(random, 50),
                  Payloads.htmlBody(random, 600))
              .toString());
    }
    List<Sample> samples = samples(bodies);
    CpuMeter meter = new CpuMeter(ctx.stack().pids());

    List<SingleStoryCell.Result> cells = new ArrayList<>();
    Saturation saturation = null;
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      report.degrade(
          "partial",
          "Not measured against the stack: " + unavailable + ". Only the limits were measured.");
    } else {
      Http http = ctx.http();
      HttpClient ingest =
          http.client(
              ctx.stack().host(), ctx.stack().ingestPort(), Math.max(s.writeClients() + 8, 256));
      HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 32);
      String token = ctx.stack().token("editor");
      int n = s.singleStoryRates().size();
      var quietBefore = report.json().putObject("quietBefore");
      for (int k = 0; k < n; k++) {
        int rate = s.singleStoryRates().get(k);
        double from = 0.25 * k / n;
        String cellName = String.format(Locale.ROOT, "one story, %,d writes/s asked", rate);
        quietBefore.set(cellName, ctx.awaitQuiet(cellName).toJson());
        CpuMeter.Snapshot a = meter.snapshot();
        try {
          cells.add(
              SingleStoryCell.run(
                  ctx,
                  ingest,
                  timeline,
                  token,
                  bodies,
                  rate,
                  s.singleStoryWindow(),
                  s.projectionTimeout(),
                  f -> ctx.progress().fraction(from + 0.25 / n * f)));
        } catch (RuntimeException e) {
          report.degrade("partial", "One story at " + rate + " writes/s not measured: " + e);
        }
        report.phase(
            String.format(Locale.ROOT, "stack: one story, %,d writes/s asked", rate),
            CpuMeter.between(a, meter.snapshot()));
      }
      quietBefore.set("saturation", ctx.awaitQuiet("saturation").toJson());
      saturation = saturate(ctx, report, meter, ingest, timeline, token, bodies);
      ingest.close();
      timeline.close();
    }

    WriteLimits.Results limits =
        WriteLimits.run(
            ctx,
            report,
            meter,
            WriteLimits.cycle(samples.stream().map(Sample::records).toList()),
            WriteLimits.cycle(samples.stream().map(Sample::rows).toList()),
            0.6);

    recordCells(report, cells, limits);
    recordSaturation(report, s, saturation, limits);
    besideTheLimits(report, saturation, cells, limits);
    for (SingleStoryCell.Floor floor : SingleStoryCell.FLOORS) {
      if (s.singleStoryRates().contains(floor.asked())) {
        report.target(
            floor.target(
                cells.stream().filter(c -> c.asked() == floor.asked()).findFirst().orElse(null)));
      }
    }
    report.target(
        new ScenarioReport.Target(
            "accepted durable writes per second (saturation, closed loop)",
            "≥ 2,000",
            saturation == null ? "not measured" : Format.number(saturation.accepted()) + "/s",
            saturation == null ? null : saturation.accepted() >= 2000));
    return report;
  }

  /** The records and rows of 2,000 writes, as ingest would make them for the bodies. */
  private static List<Sample> samples(List<String> bodies) throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      var b = Api.JSON.readTree(bodies.get(i % bodies.size()));
      var story = Ids.newId();
      Payloads.UpdateKey key = Payloads.newKey(story, Ids.newId(), Instant.now());
      var event =
          Payloads.posted(
              key,
              b.path("headline").asText(),
              b.path("body").asText(),
              Instant.now(),
              Instant.now());
      ProducerRecord<String, byte[]> keyRecord = Payloads.keyRecord(Topics.CONTENT_KEYS, key);
      ProducerRecord<String, byte[]> eventRecord =
          Payloads.eventRecord(Topics.STORY_EVENTS, event, 2 + i % 100);
      ObjectNode headers = Api.JSON.createObjectNode();
      for (Header h : eventRecord.headers()) {
        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
      samples.add(
          new Sample(
              List.of(keyRecord, eventRecord),
              new PostgresLimit.WriteRows(
                  "news.ticker.update-posted.v1",
                  new String(eventRecord.value(), StandardCharsets.UTF_8),
                  Api.JSON.writeValueAsString(headers),
                  new String(keyRecord.value(), StandardCharsets.UTF_8))));
    }
    return samples;
  }

  /** The closed-loop saturation cell, in a CPU phase of its own; null when no story opened. */
  private static Saturation saturate(
      BenchContext ctx,
      ScenarioReport report,
      CpuMeter meter,
      HttpClient ingest,
      HttpClient timeline,
      String token,
      List<String> bodies) {
    Settings s = ctx.settings();
    Http http = ctx.http();
    ctx.progress().detail("opening " + s.writeStories() + " stories");
    List<String> stories = new ArrayList<>();
    for (int i = 0; i < s.writeStories(); i += 16) {
      List<Future<Http.Reply>> batch = new ArrayList<>();
      for (int k = i; k < Math.min(s.writeStories(), i + 16); k++) {
        batch.add(
            Api.openStory(ingest, token, "Bench: write throughput " + k, Api.slug("bench-write")));
      }
      for (Future<Http.Reply> f : batch) {
        Http.Reply r = Http.await(f, 60_000);
        var body = Api.parse(r);
        if ((r.status() == 201 || r.status() == 200) && body != null && body.hasNonNull("id")) {
          stories.add(body.path("id").asText());
        }
      }
    }
    if (stories.isEmpty()) {
      report.degrade("partial", "No story could be opened; the saturation cell was not measured.");
      return null;
    }
    CpuMeter.Snapshot a = meter.snapshot();
    Map<String, AtomicLong> lastVersion = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    long warm = s.writeWarmup().toMillis();
    long window = s.writeWindow().toMillis();
    long started = System.nanoTime();
    long retries0 = Api.RETRIES.sum();
    Thread ticker = progressTicker(ctx, started, warm + window, "saturation: posting");
    ClosedLoop.Outcome loop =
        ClosedLoop.run(
            http.vertx(),
            s.writeClients(),
            warm,
            window,
            client -> {
              String story = stories.get(ThreadLocalRandom.current().nextInt(stories.size()));
              String body = bodies.get(next.getAndIncrement() % bodies.size());
              return Api.postUpdate(ingest, token, story, body, 30_000)
                  .map(
                      r -> {
                        if (r.status() == 201 || r.status() == 200) {
                          long v = Api.version(r);
                          lastVersion
                              .computeIfAbsent(story, k -> new AtomicLong())
                              .accumulateAndGet(v, Math::max);
                        }
                        return r;
                      });
            },
            r -> r.status() == 201 || r.status() == 200,
            null);
    ticker.interrupt();
    long loopEnd = System.nanoTime();
    // Time until every story is projected at its last accepted version.
    ctx.progress()
        .update(0.58, "waiting until all " + lastVersion.size() + " stories are projected");
    long deadline = loopEnd + s.projectionTimeout().toNanos();
    List<Future<Boolean>> waits = new ArrayList<>();
    AtomicInteger projected = new AtomicInteger();
    long[] lastProjected = {loopEnd};
    for (Map.Entry<String, AtomicLong> e : lastVersion.entrySet()) {
      waits.add(
          awaitProjectedAsync(http, timeline, e.getKey(), e.getValue().get(), deadline)
              .map(
                  ok -> {
                    if (ok) {
                      projected.incrementAndGet();
                      synchronized (lastProjected) {
                        lastProjected[0] = Math.max(lastProjected[0], System.nanoTime());
                      }
                    }
                    return ok;
                  }));
    }
    for (Future<Boolean> f : waits) {
      try {
        Http.await(f, s.projectionTimeout().toMillis() + 30_000);
      } catch (IllegalStateException ex) {
        // counted as not projected
      }
    }
    report.phase(
        "stack: saturation, " + s.writeClients() + " clients (closed loop), and its projection",
        CpuMeter.between(a, meter.snapshot()));
    int notProjected = lastVersion.size() - projected.get();
    double projectedSeconds = (lastProjected[0] - loopEnd) / 1e9;
    ObjectNode j = report.json().putObject("stack");
    j.put("clients", s.writeClients());
    j.put("stories", stories.size());
    j.put("windowSeconds", loop.seconds());
    j.put("completed", loop.completed());
    j.put("accepted", loop.accepted());
    j.put("retriesOf409or503", Api.RETRIES.sum() - retries0);
    j.put("acceptedPerSecond", LatencySummary.round(loop.acceptedRate(), 1));
    ObjectNode st = j.putObject("statuses");
    loop.statuses().forEach((k, v) -> st.put(Integer.toString(k), v));
    if (loop.firstError() != null) {
      j.put("firstError", loop.firstError());
    }
    j.set("latency", LatencySummary.of(loop.latencies().total()).toJson());
    j.put("secondsUntilAllProjected", LatencySummary.round(projectedSeconds, 3));
    j.put("storiesNotProjectedInTime", notProjected);
    j.putPOJO("acceptedPerSecondSeries", loop.acceptedSeries().counts((int) (window / 1000)));
    return new Saturation(loop, stories.size(), projectedSeconds, notProjected);
  }

  /** The single-story cells' JSON, table and figures. */
  private static void recordCells(
      ScenarioReport report, List<SingleStoryCell.Result> cells, WriteLimits.Results limits) {
    if (cells.isEmpty()) {
      return;
    }
    PostgresLimit.Outcome oneByOne = limits.pg(WriteLimits.WRITE_ROWS);
    LatencySummary floor =
        oneByOne == null ? null : LatencySummary.of(oneByOne.transactions().total());
    ArrayNode cj = report.json().putArray("singleStory");
    List<List<String>> rows = new ArrayList<>();
    for (SingleStoryCell.Result c : cells) {
      var o = c.outcome();
      LatencySummary lat = c.latency();
      LatencySummary fromSend = LatencySummary.of(o.fromSend().total());
      ObjectNode j = cj.addObject();
      j.put("askedPerSecond", c.asked());
      j.put("achievedPerSecond", LatencySummary.round(c.achievedRate(), 1));
      j.put("storyId", c.storyId());
      j.put("scheduled", o.scheduled());
      j.put("sent", o.sent());
      j.put("accepted", o.accepted());
      ObjectNode st = j.putObject("statuses");
      o.statuses().forEach((k, v) -> st.put(Integer.toString(k), v));
      j.put("deferredByCap", o.deferredByCap());
      j.put("abandoned", o.abandoned());
      j.put("maxInFlight", o.maxInFlight());
      j.put("inFlightCap", SingleStoryCell.MAX_IN_FLIGHT);
      j.put("retriesOf409or503", c.retries());
      j.put("windowSeconds", LatencySummary.round(o.windowSeconds(), 3));
      j.put("spanSeconds", LatencySummary.round(o.spanSeconds(), 3));
      j.set("latencyFromIntended", lat.toJson());
      j.set("latencyFromSend", fromSend.toJson());
      j.put("lastVersion", c.lastVersion());
      if (Double.isNaN(c.secondsUntilProjected())) {
        j.putNull("secondsUntilProjected");
      } else {
        j.put("secondsUntilProjected", LatencySummary.round(c.secondsUntilProjected(), 3));
      }
      rows.add(
          List.of(
              Format.count(c.asked()) + " / " + Format.number(c.achievedRate()),
              Format.count(o.sent()) + " / " + Format.count(o.accepted()),
              o.statuses().toString(),
              Format.count(o.deferredByCap())
                  + " (max in flight "
                  + Format.count(o.maxInFlight())
                  + (o.abandoned() > 0 ? ", never sent " + Format.count(o.abandoned()) : "")
                  + ")",
              Format.count(c.retries()),
              Format.ms(lat.p50Ms()),
              Format.ms(lat.p99Ms()),
              Format.ms(lat.maxMs()),
              Format.ms(fromSend.p99Ms()),
              Format.seconds(c.secondsUntilProjected())));
      String k = "singleStory." + c.asked() + "ps.";
      String l = "one story, " + Format.count(c.asked()) + " writes/s asked: ";
      report.figure(
          new Figure(
              k + "achievedPerSecond",
              l + "writes achieved",
              c.achievedRate(),
              "/s",
              c.asked(),
              "asked",
              Better.HIGHER));
      report.figure(
          new Figure(
              k + "p50Ms",
              l + "write p50 (from due)",
              lat.p50Ms(),
              "ms",
              floor == null ? Double.NaN : floor.p50Ms(),
              floor == null ? "" : "PostgreSQL: a write's rows, one per commit, transaction p50",
              Better.LOWER));
      report.figure(
          new Figure(
              k + "p99Ms",
              l + "write p99 (from due)",
              lat.p99Ms(),
              "ms",
              floor == null ? Double.NaN : floor.p99Ms(),
              floor == null ? "" : "PostgreSQL: a write's rows, one per commit, transaction p99",
              Better.LOWER));
      report.figure(
          Figure.of(
              k + "deferredByCap",
              l + "deferred by the cap",
              o.deferredByCap(),
              "requests",
              Better.LOWER));
      report.figure(
          Figure.of(
              k + "abandoned",
              l + "writes never sent (held back by the cap past the drain)",
              o.abandoned(),
              "writes",
              Better.LOWER));
      report.figure(
          Figure.of(
              k + "notAccepted",
              l + "writes not accepted",
              c.notAccepted(),
              "writes",
              Better.LOWER));
      if (!Double.isNaN(c.secondsUntilProjected())) {
        report.figure(
            Figure.of(
                k + "secondsUntilProjected",
                l + "last write until projected",
                c.secondsUntilProjected(),
                "s",
                Better.LOWER));
      } else {
        report.note(
            "One story at "
                + c.asked()
                + " writes/s: the timeline did not show its last version (v"
                + c.lastVersion()
                + ") in time.");
      }
    }
    report.table(
        new ScenarioReport.Table(
            "One story, no readers, open loop (latency from the intended send)",
            List.of(
                "writes/s asked / achieved",
                "sent / accepted",
                "statuses",
                "deferred by cap",
                "retries (409/503)",
                "p50",
                "p99",
                "max",
                "p99 from send",
                "last write until projected"),
            rows));
  }

  /** The saturation cell's table, figures and chart. */
  private static void recordSaturation(
      ScenarioReport report, Settings s, Saturation sat, WriteLimits.Results limits) {
    if (sat == null) {
      return;
    }
    LatencySummary lat = sat.latency();
    report.table(
        new ScenarioReport.Table(
            "Saturation (closed loop: its latency is a full queue's, not a user's)",
            List.of(
                "clients",
                "accepted writes/s",
                "p50",
                "p99",
                "max",
                "statuses",
                "until all projected",
                "stories"),
            List.of(
                List.of(
                    Integer.toString(s.writeClients()),
                    Format.number(sat.accepted()),
                    Format.ms(lat.p50Ms()),
                    Format.ms(lat.p99Ms()),
                    Format.ms(lat.maxMs()),
                    sat.loop().statuses().toString(),
                    Format.seconds(sat.secondsUntilProjected())
                        + (sat.notProjected() > 0
                            ? " (" + sat.notProjected() + " not in time)"
                            : ""),
                    Integer.toString(sat.stories())))));
    PostgresLimit.Outcome batched = limits.pg(WriteLimits.WRITE_ROWS_BATCHED);
    PostgresLimit.Outcome oneByOne = limits.pg(WriteLimits.WRITE_ROWS);
    report.figure(
        new Figure(
            "saturation.acceptedPerSecond",
            "saturation: accepted writes/s",
            sat.accepted(),
            "/s",
            batched == null ? Double.NaN : batched.writesPerSecond(),
            batched == null
                ? ""
                : "PostgreSQL: a write's rows, " + WriteLimits.BATCH + " per commit",
            Better.HIGHER));
    if (oneByOne != null) {
      report.figure(
          new Figure(
              "saturation.acceptedPerSecond.vsOneWritePerCommit",
              "saturation: accepted writes/s beside one write per commit",
              sat.accepted(),
              "/s",
              oneByOne.writesPerSecond(),
              "PostgreSQL: a write's rows, one per commit",
              Better.HIGHER));
    }
    if (limits.kafka() != null) {
      report.figure(
          new Figure(
              "saturation.acceptedPerSecond.vsKafkaProducer",
              "saturation: accepted writes/s beside the Kafka producer",
              sat.accepted(),
              "/s",
              limits.kafka().groupsPerSecond(),
              "Kafka producer (2 records per write)",
              Better.HIGHER));
    }
    LatencySummary tx =
        oneByOne == null ? null : LatencySummary.of(oneByOne.transactions().total());
    report.figure(
        Figure.of(
            "saturation.p50Ms",
            "saturation: write p50 (closed loop)",
            lat.p50Ms(),
            "ms",
            Better.LOWER));
    report.figure(
        new Figure(
            "saturation.p99Ms",
            "saturation: write p99 (closed loop)",
            lat.p99Ms(),
            "ms",
            tx == null ? Double.NaN : tx.p99Ms(),
            tx == null ? "" : "PostgreSQL: a write's rows, one per commit, transaction p99",
            Better.LOWER));
    report.figure(
        Figure.of(
            "saturation.secondsUntilProjected",
            "saturation: last write until all projected",
            sat.secondsUntilProjected(),
            "s",
            Better.LOWER));

    List<double[]> pts = new ArrayList<>();
    List<Long> counts = sat.loop().acceptedSeries().counts((int) s.writeWindow().toSeconds());
    for (int k = 0; k < counts.size(); k++) {
      pts.add(new double[] {k + 0.5, counts.get(k)});
    }
    List<SvgChart.Level> levels = new ArrayList<>();
    if (limits.kafka() != null) {
      levels.add(new SvgChart.Level("limit: Kafka producer", limits.kafka().groupsPerSecond()));
    }
    if (batched != null) {
      levels.add(
          new SvgChart.Level(
              "limit: PostgreSQL, writes batched " + WriteLimits.BATCH + " per commit",
              batched.writesPerSecond()));
    }
    if (oneByOne != null) {
      levels.add(
          new SvgChart.Level(
              "limit: PostgreSQL, one write per commit", oneByOne.writesPerSecond()));
    }
    levels.add(new SvgChart.Level("target: 2,000/s", 2000));
    report.chart(
        new ScenarioReport.Chart(
            "write-throughput.svg",
            "Saturation: accepted writes per second over the window, with the limits (dashed)",
            SvgChart.overTime(
                "Write throughput: accepted writes per second",
                "writes/s",
                List.of(new SvgChart.Line("accepted writes/s", pts)),
                levels)));
  }

  /** The stack's figures beside the limits of the same run. */
  private static void besideTheLimits(
      ScenarioReport report,
      Saturation sat,
      List<SingleStoryCell.Result> cells,
      WriteLimits.Results limits) {
    List<List<String>> rows = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (WriteLimits.Limit l : WriteLimits.postgresLimits(1)) {
      names.put(l.key(), l.name());
    }
    if (sat != null) {
      for (String key : List.of(WriteLimits.WRITE_ROWS_BATCHED, WriteLimits.WRITE_ROWS)) {
        PostgresLimit.Outcome o = limits.pg(key);
        if (o != null) {
          rows.add(
              List.of(
                  "saturation: accepted writes/s vs " + names.get(key),
                  Format.number(sat.accepted()),
                  Format.number(o.writesPerSecond()),
                  Format.ratio(sat.accepted(), o.writesPerSecond())));
        }
      }
      if (limits.kafka() != null) {
        rows.add(
            List.of(
                "saturation: accepted writes/s vs raw Kafka producer (2 records per write)",
                Format.number(sat.accepted()),
                Format.number(limits.kafka().groupsPerSecond()),
                Format.ratio(sat.accepted(), limits.kafka().groupsPerSecond())));
      }
    }
    PostgresLimit.Outcome oneByOne = limits.pg(WriteLimits.WRITE_ROWS);
    if (oneByOne != null) {
      LatencySummary tx = LatencySummary.of(oneByOne.transactions().total());
      for (SingleStoryCell.Result c : cells) {
        LatencySummary lat = c.latency();
        rows.add(
            List.of(
                "one story, "
                    + Format.count(c.asked())
                    + "/s asked: write p99 (from due) vs a write's rows in one transaction, p99",
                Format.ms(lat.p99Ms()),
                Format.ms(tx.p99Ms()),
                Format.ratio(lat.p99Ms(), tx.p99Ms())));
      }
    }
    if (!rows.isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              "Beside the limits", List.of("figure", "measured", "limit", "ratio"), rows));
    }
  }

  private static Thread progressTicker(
      BenchContext ctx, long start, long totalMillis, String what) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                long s = (System.nanoTime() - start) / 1_000_000_000L;
                ctx.progress()
                    .update(
                        0.25 + 0.3 * Math.min(1.0, s * 1000.0 / totalMillis),
                        String.format(Locale.ROOT, "%s  %ds/%ds", what, s, totalMillis / 1000));
                if (!BenchContext.sleep(500)) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Polls {@code GET /stories/{id}?minVersion=v} until the version shows or the deadline. */
  static Future<Boolean> awaitProjectedAsync(
      Http http, HttpClient timeline, String story, long version, long deadline) {
    return Api.get(
            timeline,
            "/api/v1/stories/" + story + "?minVersion=" + version,
            Map.of("Accept", "application/json"))
        .compose(
            r -> {
              if (r.status() == 200 && Api.version(r) >= version) {
                return Future.succeededFuture(true);
              }
              if (System.nanoTime() > deadline) {
                return Future.succeededFuture(false);
              }
              io.vertx.core.Promise<Boolean> p = io.vertx.core.Promise.promise();
              http.vertx()
                  .setTimer(
                      r.status() == 503 ? 1 : 50,
                      t ->
                          awaitProjectedAsync(http, timeline, story, version, deadline)
                              .onComplete(p));
              return p.future();
            });
  }
}
