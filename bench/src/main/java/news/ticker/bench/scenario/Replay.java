package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.kafka.StorySeed;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.SvgChart;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * 4. Rebuild of the timeline's read model by replay. The story-events topic is topped up to the
 * target with synthetic stories seeded straight into Kafka (encoded with the events module, keys on
 * the content-key topic first), the live projection is let catch up, then {@code POST
 * /api/v1/admin/rebuilds} is timed until it switched. Limit: a bare consumer reading the same
 * topics from the beginning.
 */
public final class Replay implements Scenario {

  static final String ID = "replay";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    // seeding a few thousand events/s (only what is missing), live catch-up and rebuild bounded
    // by their time limits, bare reads
    return s.replayEvents() / 10_000.0
        + Math.min(s.catchUpTimeout().toSeconds(), s.replayEvents() / 2_000.0)
        + Math.min(s.rebuildTimeout().toSeconds(), s.replayEvents() / 2_000.0)
        + s.replayEvents() / 50_000.0
        + 10;
  }

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "4. Replay",
            String.format(
                Locale.ROOT,
                "The timeline's read model rebuilt from Kafka: `POST /api/v1/admin/rebuilds` (admin) replays the"
                    + " content keys, then every story and article event from the beginning into a new generation of"
                    + " tables, and switches over once caught up; the status resource is polled until `switched`."
                    + " Before, `%s` is topped up to %s story events with synthetic stories of %d events each"
                    + " (a realistic mix of posts, edits, corrections, key events, pins and retractions, texts"
                    + " sealed under per-update keys published on `%s`), seeded straight into Kafka with the"
                    + " events module, and the live projection is let catch up first. **Limit**: one bare"
                    + " `KafkaConsumer` (no group, no processing) reading the same topics from the beginning.",
                Topics.STORY_EVENTS,
                Format.number(s.replayEvents()),
                s.eventsPerStory(),
                Topics.CONTENT_KEYS));
    KafkaBench kafka = ctx.kafka();
    ObjectNode j = report.json();

    // 1. Top up the topic.
    long existing = kafka.recordCount(Topics.STORY_EVENTS);
    long toSeed = Math.max(0, s.replayEvents() - existing);
    j.put("storyEventsBefore", existing);
    j.put("seededEvents", 0);
    if (toSeed > 0) {
      seed(ctx, report, toSeed);
    } else {
      report.note(
          "The topic already held "
              + Format.number(existing)
              + " story events (earlier runs): nothing seeded.");
    }
    long storyEvents = kafka.recordCount(Topics.STORY_EVENTS);
    long articleEvents = kafka.recordCount(Topics.ARTICLE_EVENTS);
    long keys = kafka.recordCount(Topics.CONTENT_KEYS);
    j.put("storyEvents", storyEvents);
    j.put("articleEvents", articleEvents);
    j.put("contentKeyRecords", keys);

    // 2. Let the live consumers catch up, so the rebuild is measured on a quiet stack.
    ctx.progress().detail("waiting for the live consumers to catch up");
    long catchStart = System.nanoTime();
    Map<String, Long> lags = Map.of();
    while (System.nanoTime() - catchStart < s.catchUpTimeout().toNanos()) {
      lags = kafka.activeLags(List.of(Topics.STORY_EVENTS, Topics.CONTENT_KEYS));
      long total = lags.values().stream().mapToLong(Long::longValue).sum();
      ctx.progress()
          .detail("live consumers catching up: lag " + Format.number(total) + " " + lags.keySet());
      if (total == 0) {
        break;
      }
      BenchContext.sleep(2_000);
    }
    long totalLag = lags.values().stream().mapToLong(Long::longValue).sum();
    j.put(
        "liveCatchUpSecondsAfterSeed",
        LatencySummary.round((System.nanoTime() - catchStart) / 1e9, 1));
    j.putPOJO("liveLagBeforeRebuild", lags);
    if (totalLag > 0) {
      report.note(
          "The live consumers were still "
              + Format.number(totalLag)
              + " records behind "
              + lags
              + " when the rebuild started (catch-up limit "
              + s.catchUpTimeout().toSeconds()
              + " s): they compete with it.");
    }

    // 3. The limit: bare reads.
    KafkaBench.ReadOutcome storyOnly = null;
    KafkaBench.ReadOutcome same = null;
    try {
      // a short unmeasured pass first, so that no variant pays for the client's JIT warm-up
      ctx.progress().detail("warming up the bare consumer");
      kafka.bareRead(List.of(Topics.STORY_EVENTS), false, 5_000, null);
      ctx.progress().detail("limit: bare consumer, " + Topics.STORY_EVENTS);
      storyOnly =
          kafka.bareRead(
              List.of(Topics.STORY_EVENTS),
              false,
              s.consumerTimeout().toMillis(),
              p ->
                  ctx.progress()
                      .detail("limit: bare consumer, " + Topics.STORY_EVENTS + " " + p / 10 + "%"));
      ctx.progress().detail("limit: bare consumer, the rebuild's topics");
      same =
          kafka.bareRead(
              List.of(Topics.CONTENT_KEYS, Topics.STORY_EVENTS, Topics.ARTICLE_EVENTS),
              false,
              s.consumerTimeout().toMillis(),
              p ->
                  ctx.progress()
                      .detail("limit: bare consumer, the rebuild's topics " + p / 10 + "%"));
      ctx.progress().detail("bare consumer with decoding");
      KafkaBench.ReadOutcome decoded =
          kafka.bareRead(
              List.of(Topics.STORY_EVENTS),
              true,
              s.consumerTimeout().toMillis(),
              p ->
                  ctx.progress()
                      .detail(
                          "bare consumer decoding " + Topics.STORY_EVENTS + " " + p / 10 + "%"));
      ObjectNode l = j.putObject("bareConsumer");
      put(l.putObject("storyEvents"), storyOnly, storyOnly.records());
      put(l.putObject("rebuildTopics"), same, storyEvents + articleEvents);
      put(l.putObject("storyEventsDecoded"), decoded, decoded.records());
    } catch (Exception e) {
      report.degrade("partial", "Bare-consumer limit not measured: " + e);
    }

    // 4. The rebuild.
    String unavailable = ctx.stack().unavailable("timeline-service", ctx.stack().timelinePort());
    Rebuild rebuild = null;
    if (unavailable != null) {
      report.degrade("partial", "Rebuild not measured: " + unavailable + ".");
    } else {
      rebuild = rebuild(ctx, report, storyEvents + articleEvents);
    }

    // Tables and chart.
    double sameRate = same == null ? Double.NaN : (storyEvents + articleEvents) / same.seconds();
    double storyRate = storyOnly == null ? Double.NaN : storyOnly.recordsPerSecond();
    double sameRecordsRate = same == null ? Double.NaN : same.recordsPerSecond();
    List<List<String>> rows = new ArrayList<>();
    if (rebuild != null) {
      String when = rebuild.finished() ? "until switched" : "so far (not finished)";
      rows.add(
          List.of(
              "rebuild " + when + ": events applied per second",
              Format.number(rebuild.eventsRate()),
              Format.number(sameRate),
              Format.ratio(rebuild.eventsRate(), sameRate)));
      rows.add(
          List.of(
              "rebuild " + when + ": records replayed per second (content keys + events)",
              Format.number(rebuild.recordsRate()),
              Format.number(sameRecordsRate),
              Format.ratio(rebuild.recordsRate(), sameRecordsRate)));
      rows.add(
          List.of(
              "rebuild " + when + ": events per second vs " + Topics.STORY_EVENTS + " alone",
              Format.number(rebuild.eventsRate()),
              Format.number(storyRate),
              Format.ratio(rebuild.eventsRate(), storyRate)));
    }
    report.table(
        new ScenarioReport.Table(
            "Beside the limit",
            List.of("figure", "measured", "limit: bare consumer", "ratio"),
            rows));
    List<List<String>> detail = new ArrayList<>();
    detail.add(List.of("story events in the topic", Format.number(storyEvents)));
    detail.add(
        List.of(
            "article events / content-key records",
            Format.number(articleEvents) + " / " + Format.number(keys)));
    detail.add(
        List.of(
            "seeded by this run",
            Format.number(j.path("seededEvents").asLong())
                + (j.has("seedRate")
                    ? " (" + Format.number(j.path("seedRate").asDouble()) + " events/s)"
                    : "")));
    detail.add(
        List.of(
            "live projection caught up after seeding in",
            Format.seconds(j.path("liveCatchUpSecondsAfterSeed").asDouble())));
    if (rebuild != null) {
      detail.add(List.of("rebuild status", rebuild.status()));
      detail.add(List.of("events applied", Format.count(rebuild.applied())));
      detail.add(
          List.of(
              "records replayed (content keys + events)",
              Format.count(rebuild.records()) + " of " + Format.count(rebuild.totalRecords())));
      detail.add(
          List.of(
              rebuild.finished() ? "rebuild time (requested → switched)" : "rebuild observed for",
              Format.seconds(rebuild.seconds())));
    }
    if (storyOnly != null) {
      detail.add(
          List.of(
              "bare consumer, " + Topics.STORY_EVENTS,
              Format.number(storyRate)
                  + " records/s ("
                  + Format.bytes(storyOnly.bytes() / Math.max(0.001, storyOnly.seconds()))
                  + "/s)"));
    }
    if (same != null) {
      detail.add(
          List.of(
              "bare consumer, keys + stories + articles",
              Format.number(same.recordsPerSecond())
                  + " records/s, "
                  + Format.number(sameRate)
                  + " events/s"));
    }
    JsonNode dec = j.path("bareConsumer").path("storyEventsDecoded");
    if (!dec.isMissingNode()) {
      detail.add(
          List.of(
              "bare consumer decoding every event (events module)",
              Format.number(dec.path("perSecond").asDouble()) + " events/s"));
    }
    report.table(new ScenarioReport.Table("Details", List.of("", ""), detail));
    if (rebuild != null && !rebuild.series().isEmpty()) {
      List<double[]> events = new ArrayList<>();
      List<double[]> recs = new ArrayList<>();
      double[] prev = null;
      for (double[] p : rebuild.series()) {
        if (prev == null) {
          prev = p;
        } else if (p[0] - prev[0] >= 0.9) {
          double dt = p[0] - prev[0];
          events.add(new double[] {p[0], (p[1] - prev[1]) / dt});
          recs.add(new double[] {p[0], (p[2] - prev[2]) / dt});
          prev = p;
        }
      }
      List<SvgChart.Level> levels = new ArrayList<>();
      if (!Double.isNaN(sameRecordsRate)) {
        levels.add(new SvgChart.Level("limit: bare consumer, records", sameRecordsRate));
      }
      levels.add(new SvgChart.Level("target: 20,000 events/s", 20_000));
      report.chart(
          new ScenarioReport.Chart(
              "replay-throughput.svg",
              "Rebuild: records replayed and events applied per second over time, with the"
                  + " bare-consumer limit (dashed)",
              SvgChart.overTime(
                  "Replay: rebuild throughput",
                  "per second",
                  List.of(
                      new SvgChart.Line("records replayed (keys + events)", recs),
                      new SvgChart.Line("events applied", events)),
                  levels)));
    }
    report.target(
        new ScenarioReport.Target(
            "replay (rebuild) events per second",
            "≥ 20,000",
            rebuild == null
                ? "not measured"
                : Format.number(rebuild.eventsRate())
                    + " events/s, "
                    + Format.number(rebuild.recordsRate())
                    + " records/s"
                    + (rebuild.finished() ? "" : " so far (" + rebuild.status() + ")"),
            rebuild == null || rebuild.records() == 0
                ? null
                : rebuild.finished()
                    ? rebuild.eventsRate() >= 20_000
                    : rebuild.recordsRate() >= 20_000 ? null : false));
    return report;
  }

  private static void put(ObjectNode o, KafkaBench.ReadOutcome r, long events) {
    o.put("records", r.records());
    o.put("bytes", r.bytes());
    o.put("seconds", LatencySummary.round(r.seconds(), 3));
    o.put("perSecond", LatencySummary.round(events / Math.max(1e-9, r.seconds()), 1));
    o.put("complete", r.complete());
    o.put("decodeErrors", r.decodeErrors());
  }

  private void seed(BenchContext ctx, ScenarioReport report, long events) throws Exception {
    Settings s = ctx.settings();
    Random random = new Random(42);
    AtomicReference<Exception> error = new AtomicReference<>();
    AtomicLong acked = new AtomicLong();
    long sent = 0;
    long keys = 0;
    int stories = 0;
    long start = System.nanoTime();
    Instant base = Instant.now().minus(Duration.ofDays(2));
    try (KafkaProducer<String, byte[]> producer = ctx.kafka().bulkProducer("ticker-bench-seed")) {
      while (sent < events && error.get() == null) {
        int n = (int) Math.min(s.eventsPerStory(), events - sent);
        if (n < 2) {
          n = 2; // a story is at least opened and posted to
        }
        StorySeed.Seeded story = StorySeed.generate(random, n, base.plusSeconds(stories * 7L));
        for (ProducerRecord<String, byte[]> r : story.records()) {
          producer.send(
              r,
              (md, e) -> {
                if (e != null) {
                  error.compareAndSet(null, e);
                } else {
                  acked.incrementAndGet();
                }
              });
        }
        sent += story.events();
        keys += story.keys();
        stories++;
        if (stories % 20 == 0) {
          double secs = (System.nanoTime() - start) / 1e9;
          ctx.progress()
              .update(
                  0.3 * sent / events,
                  String.format(
                      Locale.ROOT,
                      "seeding %s/%s events (%s/s)",
                      Format.number(sent),
                      Format.number(events),
                      Format.number(sent / Math.max(0.001, secs))));
        }
      }
      producer.flush();
    }
    if (error.get() != null) {
      throw new IllegalStateException("seeding failed: " + error.get(), error.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    report.json().put("seededEvents", sent);
    report.json().put("seededStories", stories);
    report.json().put("seededContentKeys", keys);
    report.json().put("seedSeconds", LatencySummary.round(seconds, 2));
    report.json().put("seedRate", LatencySummary.round(sent / seconds, 1));
  }

  /**
   * What the rebuild did: events applied, records consumed (keys + events, from its positions),
   * over how long; series points are (seconds, events applied, records consumed).
   */
  private record Rebuild(
      String status,
      boolean finished,
      long applied,
      long records,
      long totalRecords,
      double seconds,
      List<double[]> series) {
    double eventsRate() {
      return applied / Math.max(0.001, seconds);
    }

    double recordsRate() {
      return records / Math.max(0.001, seconds);
    }
  }

  /** The status resource of an earlier run's rebuild that is still running, or null. */
  private static String earlierRebuildStillRunning(
      BenchContext ctx, HttpClient timeline, Map<String, String> headers) {
    java.nio.file.Path results = ctx.outDir().getParent();
    if (results == null || !java.nio.file.Files.isDirectory(results)) {
      return null;
    }
    try (var dirs = java.nio.file.Files.list(results)) {
      for (java.nio.file.Path dir :
          dirs.sorted(java.util.Comparator.reverseOrder()).limit(20).toList()) {
        java.nio.file.Path file = dir.resolve("results.json");
        if (!java.nio.file.Files.isRegularFile(file)) {
          continue;
        }
        JsonNode rebuild =
            Api.JSON.readTree(file.toFile()).path("scenarios").path(ID).path("rebuild");
        String resource = rebuild.path("statusResource").asText(null);
        if (resource == null || rebuild.path("finished").asBoolean(true)) {
          continue;
        }
        Http.Reply r = Http.await(Api.get(timeline, resource, headers), 30_000);
        JsonNode st = Api.parse(r);
        if (r.status() == 200 && st != null && st.path("status").asText("").equals("running")) {
          return dir.getFileName() + ", " + resource;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // unknown: nothing to say
    }
    return null;
  }

  /** Σ of a {topic: {partition: offset}} object. */
  static long sumOffsets(JsonNode offsets) {
    long sum = 0;
    if (offsets == null) {
      return 0;
    }
    for (JsonNode partitions : offsets) {
      for (JsonNode o : partitions) {
        sum += o.asLong(0);
      }
    }
    return sum;
  }

  private Rebuild rebuild(BenchContext ctx, ScenarioReport report, long expectedEvents) {
    Settings s = ctx.settings();
    Http http = ctx.http();
    HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 2);
    String token = ctx.stack().token("admin");
    Map<String, String> headers = Api.jsonHeaders(token);
    headers.remove("Content-Type");
    String earlier = earlierRebuildStillRunning(ctx, timeline, headers);
    if (earlier != null) {
      report.note(
          "A rebuild started by an earlier run ("
              + earlier
              + ") was still running when this one was requested: both compete for the timeline.");
    }
    long start = System.nanoTime();
    Http.Reply started =
        Http.await(
            Http.send(timeline, HttpMethod.POST, "/api/v1/admin/rebuilds", headers, null, 30_000),
            60_000);
    ObjectNode j = report.json().putObject("rebuild");
    j.put("startStatus", started.status());
    if (started.status() != 202 && started.status() != 200 && started.status() != 201) {
      report.degrade(
          "partial",
          "POST /api/v1/admin/rebuilds answered "
              + started.status()
              + ": "
              + Api.abbreviate(started.text()));
      return null;
    }
    JsonNode body = Api.parse(started);
    String location = started.header("Location");
    String path;
    if (location != null) {
      int p = location.indexOf("/api/");
      path = p >= 0 ? location.substring(p) : location;
    } else if (body != null && body.hasNonNull("id")) {
      path = "/api/v1/admin/rebuilds/" + body.path("id").asText();
    } else {
      report.degrade("partial", "The rebuild answered without a status resource.");
      return null;
    }
    j.put("statusResource", path);
    List<double[]> series = new ArrayList<>();
    String status = body == null ? "unknown" : body.path("status").asText("unknown");
    long applied = 0;
    long records = 0;
    long totalRecords = 0;
    JsonNode last = body;
    long deadline = start + s.rebuildTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      Http.Reply r = Http.await(Api.get(timeline, path, headers), 60_000);
      JsonNode st = Api.parse(r);
      double t = (System.nanoTime() - start) / 1e9;
      if (r.status() == 200 && st != null) {
        last = st;
        status = st.path("status").asText("unknown");
        applied = st.path("eventsApplied").asLong(applied);
        records = Math.max(records, sumOffsets(st.get("positions")));
        totalRecords = Math.max(totalRecords, sumOffsets(st.get("endOffsets")));
        series.add(new double[] {t, applied, records});
        ctx.progress()
            .update(
                0.5 + 0.5 * Math.min(1, records / (double) Math.max(1, totalRecords)),
                String.format(
                    Locale.ROOT,
                    "rebuild %s: %s/%s records (keys + events), %s events applied, %s records/s",
                    status,
                    Format.count(records),
                    Format.count(totalRecords),
                    Format.count(applied),
                    Format.count(records / Math.max(0.001, t))));
        if (!status.equalsIgnoreCase("running")
            && !status.equalsIgnoreCase("pending")
            && !status.equalsIgnoreCase("unknown")) {
          break;
        }
      }
      BenchContext.sleep(250);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double serverSeconds = Double.NaN;
    if (last != null && last.hasNonNull("requestedAt") && last.hasNonNull("finishedAt")) {
      try {
        serverSeconds =
            Duration.between(
                        Instant.parse(last.path("requestedAt").asText()),
                        Instant.parse(last.path("finishedAt").asText()))
                    .toNanos()
                / 1e9;
      } catch (RuntimeException e) {
        // client time only
      }
    }
    double seconds = Double.isNaN(serverSeconds) ? wall : serverSeconds;
    boolean switched = status.equalsIgnoreCase("switched");
    if (!switched) {
      report.degrade(
          "partial",
          "The rebuild ended as '"
              + status
              + "'"
              + (status.equalsIgnoreCase("running")
                  ? " when the time limit ("
                      + s.rebuildTimeout().toSeconds()
                      + " s) was reached, after "
                      + Format.count(records)
                      + " of "
                      + Format.count(totalRecords)
                      + " records; it goes on in the timeline. The rates are over what it did so far"
                  : "")
              + (last != null && last.hasNonNull("error") ? ": " + last.path("error").asText() : "")
              + ".");
      seconds = wall;
    }
    double rate = applied / Math.max(0.001, seconds);
    j.put("status", status);
    j.put("finished", switched);
    j.put("eventsApplied", applied);
    j.put("recordsConsumed", records);
    j.put("recordsToConsume", totalRecords);
    j.put("recordsPerSecond", LatencySummary.round(records / Math.max(0.001, seconds), 1));
    j.put("wallSeconds", LatencySummary.round(wall, 3));
    if (!Double.isNaN(serverSeconds)) {
      j.put("serverSeconds", LatencySummary.round(serverSeconds, 3));
    }
    j.put("eventsPerSecond", LatencySummary.round(rate, 1));
    if (last != null) {
      j.set("lastStatus", last);
    }
    var ser = j.putArray("series");
    for (double[] p : series) {
      ser.addArray().add(LatencySummary.round(p[0], 2)).add((long) p[1]).add((long) p[2]);
    }
    timeline.close();
    return new Rebuild(status, switched, applied, records, totalRecords, seconds, series);
  }
}
