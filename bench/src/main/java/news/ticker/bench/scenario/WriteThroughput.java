package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.kafka.Payloads;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.pg.PostgresLimit;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.SvgChart;
import news.ticker.events.Ids;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * 2. Concurrent newsroom clients posting updates to many stories: accepted writes per second, p99
 * write latency, time until all are projected. Limits: raw Kafka producer throughput with the same
 * records (acks=all), and PostgreSQL's durable insert rate for the same rows.
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
        + s.writeWarmup().toSeconds()
        + s.writeWindow().toSeconds()
        + 10
        + s.kafkaProducerWindow().toSeconds()
        + s.postgresWindow().toSeconds()
        + 6;
  }

  /** Records and rows of one write, made once and reused so the limits measure sending only. */
  private record Sample(
      List<ProducerRecord<String, byte[]>> records, PostgresLimit.WriteRows rows) {}

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "2. Write throughput",
            String.format(
                Locale.ROOT,
                "%d concurrent newsroom clients (closed loop: each posts its next update when the last one"
                    + " answered) post updates of about 600 characters to %d stories, for %d s after a %d s"
                    + " warm-up. Accepted writes are durable: committed in ingest's event store with their outbox"
                    + " rows. Then the time until the timeline shows every story at its last accepted version."
                    + " **Limits**, same machine, same run: (a) a raw Kafka producer with the relay's settings"
                    + " (acks=all, idempotent) sending the same two records each write publishes (content key +"
                    + " sealed event); (b) PostgreSQL committing the same rows each write inserts (event, content"
                    + " key, two outbox rows) from %d JDBC connections in a scratch database `bench`.",
                s.writeClients(),
                s.writeStories(),
                s.writeWindow().toSeconds(),
                s.writeWarmup().toSeconds(),
                s.postgresConnections()));
    Random random = new Random(11);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bodies.add(
          Api.updateRequest(
                  "Bench write " + i + ": " + Payloads.words(random, 50),
                  Payloads.htmlBody(random, 600))
              .toString());
    }
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
      samples.add(
          new Sample(
              List.of(keyRecord, eventRecord),
              new PostgresLimit.WriteRows(
                  story,
                  "news.ticker.update-posted.v1",
                  new String(eventRecord.value(), StandardCharsets.UTF_8),
                  new String(keyRecord.value(), StandardCharsets.UTF_8))));
    }

    ClosedLoop.Outcome loop = null;
    double projectedSeconds = Double.NaN;
    int notProjected = 0;
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      report.degrade(
          "partial",
          "Not measured against the stack: " + unavailable + ". Only the limits were measured.");
    } else {
      Http http = ctx.http();
      HttpClient ingest =
          http.client(ctx.stack().host(), ctx.stack().ingestPort(), s.writeClients() + 8);
      HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 32);
      String token = ctx.stack().token("editor");
      ctx.progress().detail("opening " + s.writeStories() + " stories");
      List<String> stories = new ArrayList<>();
      for (int i = 0; i < s.writeStories(); i += 16) {
        List<Future<Http.Reply>> batch = new ArrayList<>();
        for (int k = i; k < Math.min(s.writeStories(), i + 16); k++) {
          batch.add(
              Api.openStory(
                  ingest, token, "Bench: write throughput " + k, Api.slug("bench-write")));
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
        report.degrade("partial", "No story could be opened; the stack part was not measured.");
      } else {
        Map<String, AtomicLong> lastVersion = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long warm = s.writeWarmup().toMillis();
        long window = s.writeWindow().toMillis();
        long started = System.nanoTime();
        long retries0 = Api.RETRIES.sum();
        Thread ticker = progressTicker(ctx, started, warm + window, "posting");
        loop =
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
            .update(0.62, "waiting until all " + lastVersion.size() + " stories are projected");
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
        notProjected = lastVersion.size() - projected.get();
        projectedSeconds = (lastProjected[0] - loopEnd) / 1e9;
        ingest.close();
        timeline.close();
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
      }
    }

    // Limits.
    KafkaBench.ThroughputOutcome kafka = null;
    try {
      long window = s.kafkaProducerWindow().toMillis();
      AtomicInteger i = new AtomicInteger();
      kafka =
          ctx.kafka()
              .producerThroughput(
                  () -> samples.get(i.getAndIncrement() % samples.size()).records(),
                  window,
                  ns ->
                      ctx.progress()
                          .update(
                              0.7 + 0.15 * Math.min(1.0, ns / 1e6 / window),
                              String.format(
                                  Locale.ROOT,
                                  "limit: Kafka producer  %ds/%ds",
                                  ns / 1_000_000_000L,
                                  window / 1000)));
      ObjectNode k = report.json().putObject("kafkaProducerLimit");
      k.put("writesPerSecond", LatencySummary.round(kafka.groupsPerSecond(), 1));
      k.put("recordsPerSecond", LatencySummary.round(kafka.recordsPerSecond(), 1));
      k.put("records", kafka.records());
      k.put("seconds", LatencySummary.round(kafka.seconds(), 3));
      k.put("bytes", kafka.bytes());
      k.put("failedRecords", kafka.failed());
      if (kafka.firstError() != null) {
        k.put("firstError", kafka.firstError());
        report.note(
            "Kafka producer limit: "
                + kafka.failed()
                + " records failed ("
                + kafka.firstError()
                + ").");
      }
    } catch (Exception e) {
      report.degrade("partial", "Kafka producer limit not measured: " + e);
    }
    PostgresLimit.Outcome pg = null;
    try {
      long window = s.postgresWindow().toMillis();
      AtomicInteger i = new AtomicInteger();
      long start = System.nanoTime();
      pg =
          new PostgresLimit(
                  "localhost",
                  ctx.stack().postgresPort(),
                  ctx.stack().postgresUser(),
                  ctx.stack().postgresPassword())
              .run(
                  s.postgresConnections(),
                  window,
                  () -> samples.get(Math.floorMod(i.getAndIncrement(), samples.size())).rows(),
                  ns ->
                      ctx.progress()
                          .update(
                              0.85
                                  + 0.15
                                      * Math.min(1.0, (System.nanoTime() - start) / 1e6 / window),
                              String.format(
                                  Locale.ROOT,
                                  "limit: PostgreSQL durable inserts  %ds/%ds",
                                  (System.nanoTime() - start) / 1_000_000_000L,
                                  window / 1000)));
      ObjectNode p = report.json().putObject("postgresLimit");
      p.put("writesPerSecond", LatencySummary.round(pg.transactionsPerSecond(), 1));
      p.put("transactions", pg.transactions());
      p.put("connections", pg.connections());
      p.put("synchronousCommit", pg.synchronousCommit());
      p.put("fsync", pg.fsync());
      p.put("serverVersion", pg.serverVersion());
      p.set("commitLatency", LatencySummary.of(pg.commitLatencies().total()).toJson());
    } catch (Exception e) {
      report.degrade("partial", "PostgreSQL limit not measured: " + e);
    }

    // Tables.
    List<List<String>> rows = new ArrayList<>();
    double accepted = loop == null ? Double.NaN : loop.acceptedRate();
    LatencySummary lat =
        loop == null ? LatencySummary.EMPTY : LatencySummary.of(loop.latencies().total());
    if (kafka != null) {
      rows.add(
          List.of(
              "accepted writes/s vs raw Kafka producer (2 records per write)",
              Format.number(accepted),
              Format.number(kafka.groupsPerSecond()),
              Format.ratio(accepted, kafka.groupsPerSecond())));
    }
    if (pg != null) {
      rows.add(
          List.of(
              "accepted writes/s vs PostgreSQL durable inserts (4 rows per write)",
              Format.number(accepted),
              Format.number(pg.transactionsPerSecond()),
              Format.ratio(accepted, pg.transactionsPerSecond())));
      LatencySummary commit = LatencySummary.of(pg.commitLatencies().total());
      rows.add(
          List.of(
              "p99 write latency vs p99 PostgreSQL commit of the same rows",
              Format.ms(lat.p99Ms()),
              Format.ms(commit.p99Ms()),
              Format.ratio(lat.p99Ms(), commit.p99Ms())));
    }
    if (loop != null) {
      report.table(
          new ScenarioReport.Table(
              "Stack",
              List.of(
                  "accepted writes/s",
                  "p50",
                  "p99",
                  "max",
                  "statuses",
                  "until all projected",
                  "stories"),
              List.of(
                  List.of(
                      Format.number(accepted),
                      Format.ms(lat.p50Ms()),
                      Format.ms(lat.p99Ms()),
                      Format.ms(lat.maxMs()),
                      loop.statuses().toString(),
                      Format.seconds(projectedSeconds)
                          + (notProjected > 0 ? " (" + notProjected + " not in time)" : ""),
                      Integer.toString(report.json().path("stack").path("stories").asInt())))));
    }
    if (!rows.isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              "Beside the limits", List.of("figure", "measured", "limit", "ratio"), rows));
    }
    if (loop != null) {
      List<double[]> pts = new ArrayList<>();
      List<Long> counts = loop.acceptedSeries().counts((int) s.writeWindow().toSeconds());
      for (int k = 0; k < counts.size(); k++) {
        pts.add(new double[] {k + 0.5, counts.get(k)});
      }
      List<SvgChart.Level> levels = new ArrayList<>();
      if (kafka != null) {
        levels.add(new SvgChart.Level("limit: Kafka producer", kafka.groupsPerSecond()));
      }
      if (pg != null) {
        levels.add(new SvgChart.Level("limit: PostgreSQL", pg.transactionsPerSecond()));
      }
      levels.add(new SvgChart.Level("target: 2,000/s", 2000));
      report.chart(
          new ScenarioReport.Chart(
              "write-throughput.svg",
              "Accepted writes per second over the window, with the limits (dashed)",
              SvgChart.overTime(
                  "Write throughput: accepted writes per second",
                  "writes/s",
                  List.of(new SvgChart.Line("accepted writes/s", pts)),
                  levels)));
    }
    report.target(
        new ScenarioReport.Target(
            "accepted durable writes per second",
            "≥ 2,000",
            loop == null ? "not measured" : Format.number(accepted) + "/s",
            loop == null ? null : accepted >= 2000));
    return report;
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
                        0.6 * Math.min(1.0, s * 1000.0 / totalMillis),
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
