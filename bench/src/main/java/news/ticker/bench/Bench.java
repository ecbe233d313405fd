package news.ticker.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import news.ticker.bench.http.Http;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.measure.MachineInfo;
import news.ticker.bench.measure.Profiler;
import news.ticker.bench.report.ProfileReport;
import news.ticker.bench.report.ReportWriter;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.scenario.ColdStart;
import news.ticker.bench.scenario.ElectionNight;
import news.ticker.bench.scenario.FeedReads;
import news.ticker.bench.scenario.LiveDuringRebuild;
import news.ticker.bench.scenario.PublishToScreen;
import news.ticker.bench.scenario.RealBlog;
import news.ticker.bench.scenario.Replay;
import news.ticker.bench.scenario.Scenario;
import news.ticker.bench.scenario.WarmUp;
import news.ticker.bench.scenario.WriteThroughput;

/**
 * {@code ./ticker bench}: runs the scenarios of issue 7 against the running stack, each beside its
 * limit measured in the same run, and writes {@code bench/results/<timestamp>/}. Measures; never
 * asserts: exit 0 whenever the report was written, 2 for a usage error, 1 when no report could be
 * written.
 */
public final class Bench {

  private static final DateTimeFormatter FOLDER =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Bench() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(List.of(args));
    } catch (Options.HelpRequested e) {
      out.println(Options.USAGE);
      return 0;
    } catch (Options.UsageException e) {
      err.println("bench: " + e.getMessage() + "\n\n" + Options.USAGE);
      return 2;
    }
    Settings settings = Settings.of(options);
    Path root = Path.of(System.getProperty("ticker.root", "")).toAbsolutePath().normalize();
    if (options.compare() != null) { // --compare A B: no stack; 1 when a run cannot be read
      Path results = options.out().isAbsolute() ? options.out() : root.resolve(options.out());
      return news.ticker.bench.compare.CompareReport.run(
          options.compare(), root, results, out, err);
    }
    Stack stack = new Stack(root, System.getenv());
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path outRoot = options.out().isAbsolute() ? options.out() : root.resolve(options.out());
    Path dir = outRoot.resolve(FOLDER.format(started) + (options.quick() ? "-quick" : ""));

    List<Scenario> scenarios = new ArrayList<>();
    for (Options.Scenario s : options.scenarios()) {
      scenarios.add(
          switch (s) {
            case PUBLISH_TO_SCREEN -> new PublishToScreen();
            case WRITE_THROUGHPUT -> new WriteThroughput();
            case FEED_READS -> new FeedReads();
            case REPLAY -> new Replay(new LiveDuringRebuild());
            case REAL_BLOG -> new RealBlog();
            case ELECTION_NIGHT -> new ElectionNight();
            case COLD_START -> new ColdStart();
          });
    }
    List<Progress.Step> plan = new ArrayList<>();
    boolean warmUp =
        options.scenarios().stream()
                .anyMatch(s -> s != Options.Scenario.REPLAY && s != Options.Scenario.COLD_START)
            && !settings.stackWarmup().isZero();
    if (warmUp) {
      plan.add(new Progress.Step("warm-up", settings.stackWarmup().toSeconds() + 8));
    }
    for (Scenario s : scenarios) {
      plan.add(new Progress.Step(s.id(), s.estimateSeconds(settings)));
    }
    double estimate = plan.stream().mapToDouble(Progress.Step::seconds).sum();
    err.printf(
        "bench: %s run of %s, about %d min; results in %s%n",
        options.quick() ? "quick" : "full",
        String.join(", ", scenarios.stream().map(Scenario::id).toList()),
        Math.round(Math.ceil(estimate / 60)),
        root.relativize(dir));

    Map<String, Long> pids = stack.pids();
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.put("mode", options.quick() ? "quick" : "full");
    run.put("startedAt", started.toString());
    run.putPOJO("scenarioOrder", scenarios.stream().map(Scenario::id).toList());
    run.set("machine", MachineInfo.machine());
    ObjectNode jvm = run.putObject("jvm");
    jvm.set("client", MachineInfo.clientJvm());
    jvm.set("components", MachineInfo.components(pids));
    run.set("git", MachineInfo.git(root));
    ObjectNode settingsJson = run.putObject("settings");
    settingsJson.putPOJO("readers", settings.readers());
    settingsJson.putPOJO("rates", settings.rates());
    settingsJson.put("pushWindowSeconds", settings.pushWindow().toSeconds());
    settingsJson.put("writeClients", settings.writeClients());
    settingsJson.put("writeStories", settings.writeStories());
    settingsJson.put("writeWindowSeconds", settings.writeWindow().toSeconds());
    settingsJson.put("feedConcurrency", settings.feedConcurrency());
    settingsJson.put("feedWindowSeconds", settings.feedWindow().toSeconds());
    settingsJson.put("replayEvents", settings.replayEvents());
    settingsJson.put("pace", settings.pace());
    settingsJson.putPOJO("singleStoryRates", settings.singleStoryRates());
    settingsJson.put("singleStoryWindowSeconds", settings.singleStoryWindow().toSeconds());
    settingsJson.put("pushGraceSeconds", settings.pushGrace().toSeconds());
    settingsJson.put("electionStories", settings.electionStories());
    settingsJson.put("electionRate", settings.electionRate());
    settingsJson.put("electionReaders", settings.electionReaders());
    settingsJson.put("electionWindowSeconds", settings.electionWindow().toSeconds());
    settingsJson.put("electionZipf", settings.electionZipf());
    settingsJson.put("electionReconnectSharePerMinute", settings.electionReconnectShare());
    settingsJson.put("profile", options.profile());
    ObjectNode endpoints = run.putObject("endpoints");
    endpoints.put("host", stack.host());
    endpoints.put("ingestPort", stack.ingestPort());
    endpoints.put("timelinePort", stack.timelinePort());
    endpoints.put("kafka", stack.kafkaBootstrap());
    endpoints.put("postgresPort", stack.postgresPort());

    CpuMeter meter = new CpuMeter(pids);
    CpuMeter.Snapshot first = meter.snapshot();
    ObjectNode scenarioCpu = run.putObject("scenarioCpu");
    List<ScenarioReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean written =
        new java.util.concurrent.atomic.AtomicBoolean();
    // Ctrl-C: still write what the finished scenarios measured.
    Thread onInterrupt =
        new Thread(
            () -> {
              if (written.compareAndSet(false, true)) {
                ObjectNode partial = run.deepCopy();
                partial.put("interrupted", true);
                partial.put(
                    "durationSeconds",
                    LatencySummary.round((System.nanoTime() - first.wallNanos()) / 1e9, 1));
                try {
                  ReportWriter.write(dir, partial, new ArrayList<>(reports));
                  err.println(
                      "\nbench: interrupted; what was measured is in " + dir.resolve("report.md"));
                } catch (Exception e) {
                  err.println("\nbench: interrupted; no report: " + e);
                }
              }
            },
            "ticker-bench-interrupted");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    boolean terminal = System.console() != null;
    try (Progress progress = new Progress(plan, err, terminal);
        Http http = new Http(2);
        BenchContext ctx = new BenchContext(options, settings, stack, http, progress, dir)) {
      preflight(ctx, run, progress);
      if (warmUp) {
        progress.begin("warm-up");
        String did;
        try {
          did = WarmUp.run(ctx);
        } catch (RuntimeException e) {
          did = "failed: " + e;
        }
        run.put("warmUp", did);
        progress.log("bench: warm-up " + did);
      }
      Profiler profiler = options.profile() ? new Profiler(dir) : null;
      ctx.profiler(profiler);
      ObjectNode quietBefore = run.putObject("quietBefore");
      for (Scenario scenario : scenarios) {
        progress.begin(scenario.id());
        BenchContext.Quiet quiet = ctx.awaitQuiet(scenario.id());
        quietBefore.set(scenario.id(), quiet.toJson());
        if (!quiet.quiet()) {
          progress.log(
              "bench: "
                  + scenario.id()
                  + " starts before the stack is quiet (lag "
                  + quiet.lag()
                  + " after "
                  + Math.round(quiet.seconds())
                  + " s)");
        }
        if (profiler != null) {
          progress.detail("starting Java Flight Recorder");
          profiler.start(stack.pids(), List.of("ingest", "timeline"), scenario.id());
        }
        // a fresh meter per scenario: a scenario may restart a service (new pid)
        CpuMeter scenarioMeter = new CpuMeter(stack.pids());
        CpuMeter.Snapshot before = scenarioMeter.snapshot();
        ScenarioReport report;
        try {
          report = scenario.run(ctx);
        } catch (Throwable t) {
          report = new ScenarioReport(scenario.id(), scenario.id(), "");
          report.degrade("not measured", "Failed: " + t);
          progress.log("bench: " + scenario.id() + " failed: " + t);
        }
        scenarioCpu.set(scenario.id(), CpuMeter.between(before, scenarioMeter.snapshot()));
        if (profiler != null) {
          progress.detail("reading the Java Flight Recorder recordings");
          ProfileReport.add(report, profiler.stop());
        }
        reports.add(report);
        progress.log(
            String.format("bench: %s %s (%s)", scenario.id(), report.status(), summary(report)));
      }
    } catch (RuntimeException e) {
      err.println("bench: " + e);
    }
    try {
      recordRestartedJvms(jvm, pids, stack.pids(), MachineInfo::components);
    } catch (RuntimeException e) {
      // the stack is gone: keep what the start recorded
    }
    CpuMeter.Snapshot last = meter.snapshot();
    Instant finished = Instant.now();
    run.put("finishedAt", finished.truncatedTo(ChronoUnit.SECONDS).toString());
    run.put(
        "durationSeconds", LatencySummary.round((last.wallNanos() - first.wallNanos()) / 1e9, 1));
    run.set("clientCpu", CpuMeter.between(first, last));
    if (!written.compareAndSet(false, true)) {
      return 1; // the shutdown hook is writing
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException e) {
      // shutting down already
    }
    try {
      ReportWriter.write(dir, run, new ArrayList<>(reports));
    } catch (Exception e) {
      err.println("bench: cannot write the report to " + dir + ": " + e);
      return 1;
    }
    out.println("bench: report " + root.relativize(dir.resolve("report.md")));
    for (ScenarioReport r : reports) {
      for (ScenarioReport.Target t : r.targets()) {
        out.printf("  %-20s %-52s %s (%s)%n", r.id(), t.what(), t.measured(), t.grade().label());
      }
    }
    return 0;
  }

  /**
   * A scenario that restarts a service (cold start, replay) measures the new JVM, which may run
   * with other options than the one recorded at the start (its {@code jvm.options} is read at each
   * start). So a component whose process changed during the run is recorded as it is at the end,
   * with {@code restartedDuringRun} and its JVM at the start under {@code atStart}; comparisons
   * then name the JVM that was measured.
   */
  static void recordRestartedJvms(
      ObjectNode jvm,
      Map<String, Long> atStart,
      Map<String, Long> atEnd,
      Function<Map<String, Long>, ObjectNode> describe) {
    Map<String, Long> restarted = new LinkedHashMap<>(atEnd);
    restarted.entrySet().removeIf(e -> e.getValue().equals(atStart.get(e.getKey())));
    if (restarted.isEmpty()) {
      return;
    }
    ObjectNode components = (ObjectNode) jvm.get("components");
    describe
        .apply(restarted)
        .fields()
        .forEachRemaining(
            now -> {
              ObjectNode entry = (ObjectNode) now.getValue();
              entry.put("restartedDuringRun", true);
              if (components.has(now.getKey())) {
                entry.set("atStart", components.get(now.getKey()));
              }
              components.set(now.getKey(), entry);
            });
  }

  /**
   * How busy the stack was before the run: the lag of its live consumers. A stack still digesting
   * an earlier run's replay measures low; the report says so.
   */
  private static void preflight(BenchContext ctx, ObjectNode run, Progress progress) {
    progress.detail("checking the live consumers' lag");
    ObjectNode pre = run.putObject("stackAtStart");
    try {
      Map<String, Long> lags =
          ctx.kafka()
              .activeLags(
                  List.of(
                      news.ticker.events.Topics.STORY_EVENTS,
                      news.ticker.events.Topics.CONTENT_KEYS));
      pre.putPOJO("consumerLag", lags);
      long total = lags.values().stream().mapToLong(Long::longValue).sum();
      pre.put("totalLag", total);
      if (total > 1000) {
        progress.log(
            "bench: the stack's consumers are still "
                + total
                + " records behind "
                + lags
                + " (an earlier replay?): figures will be low");
      }
    } catch (Exception e) {
      pre.put("error", "Kafka not reachable: " + e);
    }
  }

  private static String summary(ScenarioReport r) {
    if (r.targets().isEmpty()) {
      return r.notes().isEmpty() ? "" : r.notes().get(0);
    }
    return String.join("; ", r.targets().stream().map(t -> t.measured()).toList());
  }
}
