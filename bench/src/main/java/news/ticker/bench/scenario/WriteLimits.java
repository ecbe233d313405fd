package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.pg.PostgresLimit;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.ScenarioReport.Better;
import news.ticker.bench.report.ScenarioReport.Figure;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The limits of the write-throughput scenario, each run alone after the stack's load, each in a CPU
 * phase of its own: the Kafka producer with the relay's settings sending the records a write
 * publishes, and PostgreSQL's four limits ({@link PostgresLimit.Kind}) with the rows a write makes.
 */
final class WriteLimits {

  /** Event rows per INSERT in the group commit, and writes per commit in the batched write rows. */
  static final int BATCH = 64;

  /** One PostgreSQL limit: its figure key, its name for people, and how it runs. */
  record Limit(String key, String name, PostgresLimit.Plan plan) {}

  /** What the limits measured; an entry is missing when its limit could not be measured. */
  record Results(KafkaBench.ThroughputOutcome kafka, Map<String, PostgresLimit.Outcome> postgres) {
    PostgresLimit.Outcome pg(String key) {
      return postgres.get(key);
    }
  }

  static final String SINGLE_ROW = "singleRow";
  static final String GROUP_COMMIT = "groupCommit";
  static final String WRITE_ROWS = "writeRows";
  static final String WRITE_ROWS_BATCHED = "writeRowsBatched";

  private WriteLimits() {}

  /** The four PostgreSQL limits, in the order they run, from {@code connections} connections. */
  static List<Limit> postgresLimits(int connections) {
    return List.of(
        new Limit(
            SINGLE_ROW, "PostgreSQL single-row commits", PostgresLimit.Plan.singleRow(connections)),
        new Limit(
            GROUP_COMMIT,
            "PostgreSQL group commit",
            PostgresLimit.Plan.groupCommit(connections, BATCH)),
        new Limit(
            WRITE_ROWS,
            "PostgreSQL: a write's rows, one write per commit",
            PostgresLimit.Plan.writeRows(connections)),
        new Limit(
            WRITE_ROWS_BATCHED,
            "PostgreSQL: a write's rows, " + BATCH + " writes per commit",
            PostgresLimit.Plan.writeRowsBatched(connections, BATCH)));
  }

  /**
   * The figure key of a PostgreSQL limit's measure, e.g. {@code
   * limit.pg.groupCommit.rowsPerSecond}.
   */
  static String key(String limit, String measure) {
    return "limit.pg." + limit + "." + measure;
  }

  /**
   * Runs the Kafka producer limit, then the PostgreSQL limits, each in its own CPU phase ({@code
   * "limit: …"}); a limit that fails is a note, and the others still run.
   *
   * @param records the Kafka records of the next write (content key and event)
   * @param rows the texts of the next write's rows
   * @param from progress fraction of the scenario when the limits start (they end at 1)
   */
  static Results run(
      BenchContext ctx,
      ScenarioReport report,
      CpuMeter meter,
      Supplier<List<ProducerRecord<String, byte[]>>> records,
      Supplier<PostgresLimit.WriteRows> rows,
      double from) {
    Settings s = ctx.settings();
    List<Limit> limits = postgresLimits(s.postgresConnections());
    int steps = 1 + limits.size();
    KafkaBench.ThroughputOutcome kafka = null;
    CpuMeter.Snapshot a = meter.snapshot();
    try {
      long window = s.kafkaProducerWindow().toMillis();
      kafka =
          ctx.kafka()
              .producerThroughput(
                  records,
                  window,
                  ns -> progress(ctx, from, 0, steps, ns, window, "limit: Kafka producer"));
    } catch (Exception e) {
      report.degrade("partial", "Kafka producer limit not measured: " + e);
    }
    report.phase("limit: Kafka producer", CpuMeter.between(a, meter.snapshot()));
    Map<String, PostgresLimit.Outcome> pg = new LinkedHashMap<>();
    PostgresLimit postgres =
        new PostgresLimit(
            "localhost",
            ctx.stack().postgresPort(),
            ctx.stack().postgresUser(),
            ctx.stack().postgresPassword());
    int step = 1;
    for (Limit limit : limits) {
      int at = step++;
      long window = s.postgresWindow().toMillis();
      CpuMeter.Snapshot b = meter.snapshot();
      try {
        pg.put(
            limit.key(),
            postgres.run(
                limit.plan(),
                window,
                rows,
                ns -> progress(ctx, from, at, steps, ns, window, "limit: " + limit.name())));
      } catch (Exception e) {
        report.degrade("partial", limit.name() + " not measured: " + e);
      }
      report.phase("limit: " + limit.name(), CpuMeter.between(b, meter.snapshot()));
    }
    Results results = new Results(kafka, pg);
    record(report, limits, results);
    return results;
  }

  private static void progress(
      BenchContext ctx, double from, int step, int steps, long ns, long windowMillis, String what) {
    double within = Math.min(1.0, ns / 1e6 / windowMillis);
    ctx.progress()
        .update(
            from + (1 - from) * (step + within) / steps,
            String.format(
                Locale.ROOT, "%s  %ds/%ds", what, ns / 1_000_000_000L, windowMillis / 1000));
  }

  /** The limits' JSON, table, figures and notes. */
  private static void record(ScenarioReport report, List<Limit> limits, Results r) {
    List<List<String>> rows = new ArrayList<>();
    ObjectNode pj = report.json().putObject("postgresLimits");
    for (Limit limit : limits) {
      PostgresLimit.Outcome o = r.pg(limit.key());
      if (o == null) {
        continue;
      }
      LatencySummary commit = LatencySummary.of(o.commits().total());
      LatencySummary tx = LatencySummary.of(o.transactions().total());
      ObjectNode j = pj.putObject(limit.key());
      j.put("name", limit.name());
      j.put("plan", o.plan().describe());
      j.put("connections", o.plan().connections());
      j.put("batch", o.plan().batch());
      j.put("rowsPerTransaction", o.plan().rowsPerTransaction());
      j.put("commits", o.committed());
      j.put("rows", o.rows());
      j.put("seconds", o.seconds());
      j.put("rowsPerSecond", LatencySummary.round(o.rowsPerSecond(), 1));
      j.put("commitsPerSecond", LatencySummary.round(o.commitsPerSecond(), 1));
      j.put("writesPerSecond", LatencySummary.round(o.writesPerSecond(), 1));
      j.set("commitLatency", commit.toJson());
      j.set("transactionLatency", tx.toJson());
      j.put("failedTransactions", o.failed());
      if (o.firstError() != null) {
        j.put("firstError", o.firstError());
        report.note(
            limit.name() + ": " + o.failed() + " transactions failed (" + o.firstError() + ").");
      }
      PostgresLimit.Server server = o.server();
      ObjectNode sj = j.putObject("server");
      sj.put("version", server.version());
      sj.put("synchronousCommit", server.synchronousCommit());
      sj.put("fsync", server.fsync());
      sj.put("walSyncMethod", server.walSyncMethod());
      sj.put("commitDelay", server.commitDelay());
      sj.put("fullPageWrites", server.fullPageWrites());
      if (!server.durable()) {
        report.note(
            limit.name()
                + ": the server does not wait for the WAL flush (fsync "
                + server.fsync()
                + ", synchronous_commit "
                + server.synchronousCommit()
                + "), so this limit is not a durable one.");
      }
      rows.add(
          List.of(
              limit.name(),
              o.plan().describe(),
              Format.number(o.rowsPerSecond()),
              Format.number(o.commitsPerSecond()),
              Format.number(o.writesPerSecond())
                  + (o.plan().writesPerTransaction() == 0 ? " (rows ÷ 6)" : ""),
              Format.ms(commit.p50Ms()) + " / " + Format.ms(commit.p99Ms()),
              Format.ms(tx.p50Ms()) + " / " + Format.ms(tx.p99Ms())));
      String l = "limit: " + limit.name() + ", ";
      report.figure(
          Figure.of(
              key(limit.key(), "rowsPerSecond"),
              l + "rows/s",
              o.rowsPerSecond(),
              "/s",
              Better.HIGHER));
      report.figure(
          Figure.of(
              key(limit.key(), "commitsPerSecond"),
              l + "commits/s",
              o.commitsPerSecond(),
              "/s",
              Better.HIGHER));
      report.figure(
          Figure.of(
              key(limit.key(), "writesPerSecond"),
              l + (o.plan().writesPerTransaction() == 0 ? "writes/s (rows ÷ 6)" : "writes/s"),
              o.writesPerSecond(),
              "/s",
              Better.HIGHER));
      report.figure(
          Figure.of(
              key(limit.key(), "commitP50Ms"),
              l + "commit p50",
              commit.p50Ms(),
              "ms",
              Better.LOWER));
      report.figure(
          Figure.of(
              key(limit.key(), "commitP99Ms"),
              l + "commit p99",
              commit.p99Ms(),
              "ms",
              Better.LOWER));
      report.figure(
          Figure.of(
              key(limit.key(), "transactionP50Ms"),
              l + "transaction p50",
              tx.p50Ms(),
              "ms",
              Better.LOWER));
      report.figure(
          Figure.of(
              key(limit.key(), "transactionP99Ms"),
              l + "transaction p99",
              tx.p99Ms(),
              "ms",
              Better.LOWER));
    }
    KafkaBench.ThroughputOutcome kafka = r.kafka();
    if (kafka != null) {
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
      rows.add(
          List.of(
              "Kafka producer (acks=all, idempotent)",
              "the relay's settings, 2 records per write, up to 20,000 unacknowledged",
              Format.number(kafka.recordsPerSecond()) + " records",
              "n/a",
              Format.number(kafka.groupsPerSecond()),
              "n/a",
              "n/a"));
      report.figure(
          Figure.of(
              "limit.kafka.producer.writesPerSecond",
              "limit: Kafka producer, writes/s (2 records each)",
              kafka.groupsPerSecond(),
              "/s",
              Better.HIGHER));
      report.figure(
          Figure.of(
              "limit.kafka.producer.recordsPerSecond",
              "limit: Kafka producer, records/s",
              kafka.recordsPerSecond(),
              "/s",
              Better.HIGHER));
    }
    if (!rows.isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              "Limits, each run alone after the stack's load",
              List.of(
                  "limit",
                  "how",
                  "rows/s",
                  "commits/s",
                  "writes/s",
                  "commit p50 / p99",
                  "transaction p50 / p99"),
              rows));
    }
  }

  /** Round-robin over samples, for the limits' suppliers (called from many threads). */
  static <T> Supplier<T> cycle(List<T> samples) {
    AtomicInteger next = new AtomicInteger();
    return () -> samples.get(Math.floorMod(next.getAndIncrement(), samples.size()));
  }
}
