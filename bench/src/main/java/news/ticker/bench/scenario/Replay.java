package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.Stack;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.kafka.StorySeed;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.replay.FoldLimit;
import news.ticker.bench.replay.LiveGroups;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.ScenarioReport.Better;
import news.ticker.bench.report.ScenarioReport.Figure;
import news.ticker.bench.report.SvgChart;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * 4. Rebuild of the timeline's read model by replay, on a quiet stack. The story-events topic is
 * topped up to the target with synthetic stories seeded straight into Kafka (encoded with the
 * events module, keys on the content-key topic first) while the services that consume it live are
 * stopped; then the live groups' committed offsets are moved to the end of the topics and the
 * services started again, so nothing projects the backlog live. Then the limits, each in its own
 * CPU phase (a bare consumer; the bare consumer decoding; the in-memory fold: the timeline's own
 * rendering and fold without a database), and {@code POST /api/v1/admin/rebuilds}, timed until it
 * switched or its time limit. An unfinished rebuild cannot be cancelled yet: the timeline is
 * restarted to end it.
 */
public final class Replay implements Scenario {

  static final String ID = "replay";

  /** How long a stopped service gets after SIGTERM before SIGKILL. */
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /** {@code ./ticker up -d}: a service is given 90 s to get ready; with margin. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  /** Until a stopped service's group has no members (a killed one lingers a session timeout). */
  static final Duration EMPTY_GROUP_TIMEOUT = Duration.ofSeconds(60);

  /** The timeline's default {@code ticker.timeline.rebuild.heartbeat-timeout}. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  /** Events of the fold limit's unmeasured warm-up (synthetic, in memory). */
  static final long FOLD_WARMUP_EVENTS = 10_000;

  private final DuringRebuild duringRebuild;

  public Replay() {
    this(DuringRebuild.NONE);
  }

  /**
   * @param duringRebuild live load run beside the rebuild, once it runs (see {@link #duringWindow})
   */
  public Replay(DuringRebuild duringRebuild) {
    this.duringRebuild = duringRebuild;
  }

  @Override
  public String id() {
    return ID;
  }

  /** How long the load beside the rebuild runs: 30 s, 3 s in the quick run. */
  public static Duration duringWindow(boolean quick) {
    return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
  }

  @Override
  public double estimateSeconds(Settings s) {
    // seeding a few thousand events/s (only what is missing), stopping and starting two services
    // (about a minute), the bare reads and the fold, the rebuild bounded by its time limit, and a
    // restart of the timeline when it cannot finish in that time
    double rebuild = s.replayEvents() / 2_000.0;
    return s.replayEvents() / 10_000.0
        + 60
        + 3 * s.replayEvents() / 50_000.0
        + s.replayEvents() / 10_000.0
        + Math.min(s.rebuildTimeout().toSeconds(), rebuild)
        + (rebuild > s.rebuildTimeout().toSeconds() ? 45 : 0)
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
                    + " tables, and switches over once caught up; the status resource is polled until `switched`"
                    + " or the time limit (%d s). Before, `%s` is topped up to %s story events with synthetic"
                    + " stories of %d events each (a realistic mix of posts, edits, corrections, key events, pins"
                    + " and retractions, texts sealed under per-update keys published on `%s`), seeded straight"
                    + " into Kafka with the events module while the services that consume these topics live"
                    + " (timeline, analysis) are stopped; then their consumer groups' offsets are moved to the"
                    + " end and the services started again, so the replay and its limits run on a quiet stack."
                    + " **Limits**, each measured on its own: one bare `KafkaConsumer` (no group, no processing)"
                    + " reading the same topics from the beginning; the same decoding every event; and the"
                    + " **in-memory fold**: the same records through the timeline's own code (decode, decrypt"
                    + " with the content keys, sanitise, render with `ChangeRenderer`, fold with `StoryFold`, which is `ViewFold` over the whole story),"
                    + " one thread, no database, the ceiling a rebuild can approach.",
                s.rebuildTimeout().toSeconds(),
                Topics.STORY_EVENTS,
                Format.number(s.replayEvents()),
                s.eventsPerStory(),
                Topics.CONTENT_KEYS));
    KafkaBench kafka = ctx.kafka();
    ObjectNode j = report.json();
    LiveGroups groups = new LiveGroups(kafka.admin());

    // 1. Top up the topic, with the live consumers stopped, and move their groups to the end.
    long existing = kafka.recordCount(Topics.STORY_EVENTS);
    long toSeed = Math.max(0, s.replayEvents() - existing);
    j.put("storyEventsBefore", existing);
    j.put("seededEvents", 0);
    Map<String, Long> lags = awaitLiveCaughtUp(ctx, groups, j);
    long lag = lags.values().stream().mapToLong(Long::longValue).sum();
    boolean quiet = toSeed > 0 || lag > 0;
    List<String> stopped = quiet ? stopLiveServices(ctx, report) : List.of();
    if (toSeed > 0) {
      CpuMeter cpu = new CpuMeter(ctx.stack().pids());
      CpuMeter.Snapshot a = cpu.snapshot();
      seed(ctx, report, toSeed);
      report.phase("seed", CpuMeter.between(a, cpu.snapshot()));
    } else {
      report.note(
          "The topic already held "
              + Format.number(existing)
              + " story events (earlier runs): nothing seeded.");
    }
    if (quiet) {
      moveLiveGroups(ctx, report, groups);
      if (!stopped.isEmpty()) {
        // only what the bench stopped: ./ticker up -d starts what is not running
        startAgain(ctx, report, "after moving the live groups");
      }
    } else {
      j.put("liveGroupsMoved", false);
      report.note(
          "The live groups had nothing left to read (no lag, nothing seeded): they were left as they"
              + " were.");
    }
    long storyEvents = kafka.recordCount(Topics.STORY_EVENTS);
    long articleEvents = kafka.recordCount(Topics.ARTICLE_EVENTS);
    long keys = kafka.recordCount(Topics.CONTENT_KEYS);
    j.put("storyEvents", storyEvents);
    j.put("articleEvents", articleEvents);
    j.put("contentKeyRecords", keys);

    // 2. The limits, each in its own phase.
    Limits limits = limits(ctx, report);

    // 3. The rebuild, with the live load beside it; an unfinished one is ended by a restart.
    String unavailable = ctx.stack().unavailable("timeline-service", ctx.stack().timelinePort());
    Rebuild rebuild = null;
    if (unavailable != null) {
      report.degrade("partial", "Rebuild not measured: " + unavailable + ".");
    } else {
      CpuMeter cpu = new CpuMeter(ctx.stack().pids());
      CpuMeter.Snapshot a = cpu.snapshot();
      rebuild = rebuild(ctx, report);
      report.phase("rebuild", CpuMeter.between(a, cpu.snapshot()));
      if (rebuild != null && !rebuild.ended()) {
        endUnfinished(ctx, report, rebuild);
      }
    }

    write(ctx, report, limits, rebuild, storyEvents, articleEvents, keys);
    return report;
  }

  // ------------------------------------------------------------------------- the live consumers

  /**
   * Waits (bounded by {@code catchUpTimeout}) until the live groups have read what earlier
   * scenarios wrote, so that moving them to the end skips only what this scenario seeds; returns
   * their lag at the end of the wait.
   */
  private static Map<String, Long> awaitLiveCaughtUp(
      BenchContext ctx, LiveGroups groups, ObjectNode j) {
    Settings s = ctx.settings();
    long start = System.nanoTime();
    Map<String, Long> lags = new LinkedHashMap<>();
    try {
      while (true) {
        Map<TopicPartition, Long> end = ctx.kafka().endOffsets(LiveGroups.REPLAYED);
        Map<TopicPartition, Long> begin = ctx.kafka().beginningOffsets(LiveGroups.REPLAYED);
        for (LiveGroups.Group g : LiveGroups.KNOWN) {
          lags.put(g.id(), groups.lag(g, end, begin));
        }
        long total = lags.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0 || System.nanoTime() - start > s.catchUpTimeout().toNanos()) {
          break;
        }
        ctx.progress()
            .detail("live consumers reading earlier scenarios' records: lag " + lags.toString());
        BenchContext.sleep(2_000);
      }
    } catch (Exception e) {
      lags.put("unknown (" + e.getClass().getSimpleName() + ")", -1L);
    }
    j.put("liveCatchUpSeconds", LatencySummary.round((System.nanoTime() - start) / 1e9, 1));
    j.putPOJO("liveLagBeforeSeeding", lags);
    return lags;
  }

  /**
   * Stops the services of the live groups (SIGTERM, then SIGKILL after the grace time); returns
   * those that were running and are stopped now.
   */
  private static List<String> stopLiveServices(BenchContext ctx, ScenarioReport report) {
    List<String> names = new ArrayList<>();
    ArrayNode stopped = report.json().putArray("stoppedServices");
    for (String name : LiveGroups.components(LiveGroups.KNOWN)) {
      ctx.progress().detail("stopping " + name + " (its consumers must leave their group)");
      try {
        Stack.Stopped st = ctx.stack().stop(name, STOP_GRACE);
        ObjectNode o = stopped.addObject();
        o.put("name", name);
        o.put("pid", st.pid());
        o.put("graceful", st.graceful());
        o.put("seconds", LatencySummary.round(st.seconds(), 2));
        if (st.wasRunning()) {
          names.add(name);
        }
        if (!st.wasRunning()) {
          report.note(name + " was not running (no live PID in .devstack/pids): nothing stopped.");
        } else if (!st.graceful()) {
          report.note(
              name + " did not exit within " + STOP_GRACE.toSeconds() + " s of SIGTERM: killed.");
        }
      } catch (RuntimeException e) {
        report.degrade(
            "partial", "Could not stop " + name + ": " + e.getMessage() + "; its group stays.");
      }
    }
    return names;
  }

  /**
   * Moves each known live group to the end of its topics once it has no members; a group that still
   * has members after {@link #EMPTY_GROUP_TIMEOUT} is left (Kafka refuses) and said so.
   */
  private static void moveLiveGroups(BenchContext ctx, ScenarioReport report, LiveGroups groups) {
    ObjectNode out = report.json().putObject("liveGroups");
    report.json().put("liveGroupsMoved", true);
    List<String> ids = LiveGroups.KNOWN.stream().map(LiveGroups.Group::id).toList();
    long seededEvents = report.json().path("seededEvents").asLong();
    long seededKeys = report.json().path("seededContentKeys").asLong();
    List<String> moved = new ArrayList<>();
    try {
      ctx.progress().detail("waiting for the live groups to be empty");
      Map<String, Integer> members = groups.members(ids);
      long deadline = System.nanoTime() + EMPTY_GROUP_TIMEOUT.toNanos();
      while (members.values().stream().anyMatch(m -> m > 0) && System.nanoTime() < deadline) {
        BenchContext.sleep(500);
        members = groups.members(ids);
      }
      Map<TopicPartition, Long> end = ctx.kafka().endOffsets(LiveGroups.REPLAYED);
      Map<TopicPartition, Long> begin = ctx.kafka().beginningOffsets(LiveGroups.REPLAYED);
      for (LiveGroups.Group g : LiveGroups.KNOWN) {
        ObjectNode o = out.putObject(g.id());
        o.put("component", g.component());
        o.putPOJO("topics", g.topics());
        int m = members.getOrDefault(g.id(), 0);
        o.put("membersAtMove", m);
        Map<TopicPartition, Long> target = LiveGroups.toEnd(g.topics(), end);
        long groupSkipped = LiveGroups.skipped(groups.committed(g.id()), begin, target);
        long groupSeeded =
            LiveGroups.seededOn(g, Topics.STORY_EVENTS, seededEvents)
                + LiveGroups.seededOn(g, Topics.CONTENT_KEYS, seededKeys);
        o.put("skippedRecords", groupSkipped);
        o.put("seededRecordsOnItsTopics", groupSeeded);
        if (m > 0) {
          o.put("moved", false);
          report.degrade(
              "partial",
              "The live group "
                  + g.id()
                  + " still had "
                  + m
                  + " member(s) after "
                  + EMPTY_GROUP_TIMEOUT.toSeconds()
                  + " s, so its offsets were not moved: "
                  + g.component()
                  + " reads "
                  + Format.count(groupSkipped)
                  + " records beside the measurements.");
          continue;
        }
        ctx.progress().detail("moving " + g.id() + " to the end of " + g.topics());
        groups.move(g.id(), target);
        o.put("moved", true);
        moved.add(
            g.id()
                + " skipped "
                + Format.count(groupSkipped)
                + " records, of which this run seeded "
                + Format.count(groupSeeded));
      }
      Iterable<String> others = groups.otherFollowers();
      report.json().putPOJO("otherGroupsOnReplayedTopics", others);
      if (others.iterator().hasNext()) {
        report.note(
            "Other consumer groups have offsets on the replayed topics and were left alone: "
                + others
                + ".");
      }
    } catch (Exception e) {
      report.degrade(
          "partial",
          "Moving the live groups to the end failed ("
              + e
              + "): the live consumers may read the backlog beside the measurements.");
    }
    if (!moved.isEmpty()) {
      report.note(
          "The live groups' committed offsets were moved to the end of the replayed topics after"
              + " seeding, with their services stopped and started again: "
              + String.join("; ", moved)
              + " (story events and content keys; the rest are records of earlier runs or"
              + " scenarios the group had not read). The live read model lacks the seeded stories; no other"
              + " scenario reads them. The timeline's live follower has no group and starts at the"
              + " end of the topic, so it does not read the backlog either.");
    }
  }

  /** {@code ./ticker up -d}: starts what was stopped and waits until it is ready. */
  private static void startAgain(BenchContext ctx, ScenarioReport report, String why) {
    ctx.progress().detail("starting the stopped services (./ticker up -d)");
    long start = System.nanoTime();
    String failed = ctx.stack().start(START_TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    ctx.restarted();
    ArrayNode restarts =
        report.json().has("restarts")
            ? (ArrayNode) report.json().get("restarts")
            : report.json().putArray("restarts");
    ObjectNode o = restarts.addObject();
    o.put("why", why);
    o.put("seconds", LatencySummary.round(seconds, 1));
    if (failed != null) {
      o.put("error", failed);
      report.degrade("partial", "Starting the stopped services " + why + " failed: " + failed);
    }
  }

  // ---------------------------------------------------------------------------------- the limits

  /** What the limits measured; null fields were not measured. */
  private record Limits(
      KafkaBench.ReadOutcome storyOnly,
      KafkaBench.ReadOutcome same,
      KafkaBench.ReadOutcome decoded,
      FoldLimit.Outcome fold) {}

  private static Limits limits(BenchContext ctx, ScenarioReport report) {
    Settings s = ctx.settings();
    KafkaBench kafka = ctx.kafka();
    ObjectNode l = report.json().putObject("bareConsumer");
    CpuMeter cpu = new CpuMeter(ctx.stack().pids());
    long timeout = s.consumerTimeout().toMillis();
    KafkaBench.ReadOutcome storyOnly = null;
    KafkaBench.ReadOutcome same = null;
    KafkaBench.ReadOutcome decoded = null;
    FoldLimit.Outcome fold = null;
    try {
      // a short unmeasured pass first, so that no variant pays for the client's JIT warm-up
      ctx.progress().detail("warming up the bare consumer");
      kafka.bareRead(List.of(Topics.STORY_EVENTS), false, 5_000, null);
      CpuMeter.Snapshot a = cpu.snapshot();
      storyOnly =
          kafka.bareRead(
              List.of(Topics.STORY_EVENTS),
              false,
              timeout,
              p ->
                  ctx.progress()
                      .detail("limit: bare consumer, " + Topics.STORY_EVENTS + " " + p / 10 + "%"));
      report.phase("limit: bare consumer, story events", CpuMeter.between(a, cpu.snapshot()));
      put(l.putObject("storyEvents"), storyOnly, storyOnly.records());
      a = cpu.snapshot();
      same =
          kafka.bareRead(
              LiveGroups.REPLAYED,
              false,
              timeout,
              p ->
                  ctx.progress()
                      .detail("limit: bare consumer, the rebuild's topics " + p / 10 + "%"));
      report.phase(
          "limit: bare consumer, the rebuild's topics", CpuMeter.between(a, cpu.snapshot()));
      long events =
          report.json().path("storyEvents").asLong() + report.json().path("articleEvents").asLong();
      put(l.putObject("rebuildTopics"), same, events);
      a = cpu.snapshot();
      decoded =
          kafka.bareRead(
              List.of(Topics.STORY_EVENTS),
              true,
              timeout,
              p -> ctx.progress().detail("limit: bare consumer decoding " + p / 10 + "%"));
      report.phase("limit: bare consumer decoding", CpuMeter.between(a, cpu.snapshot()));
      put(l.putObject("storyEventsDecoded"), decoded, decoded.records());
    } catch (Exception e) {
      report.degrade("partial", "Bare-consumer limit not measured: " + e);
    }
    try {
      ctx.progress().detail("warming up the in-memory fold");
      FoldLimit.warmUp(FOLD_WARMUP_EVENTS);
      CpuMeter.Snapshot a = cpu.snapshot();
      fold =
          FoldLimit.run(
              kafka, timeout, p -> ctx.progress().detail("limit: in-memory fold " + p / 10 + "%"));
      report.phase("limit: in-memory fold", CpuMeter.between(a, cpu.snapshot()));
      ObjectNode f = report.json().putObject("foldLimit");
      f.put("keyRecords", fold.keyRecords());
      f.put("events", fold.events());
      f.put("folded", fold.folded());
      f.put("missingKeys", fold.missingKeys());
      f.put("poison", fold.poison());
      f.put("otherEvents", fold.other());
      f.put("keySeconds", LatencySummary.round(fold.keySeconds(), 3));
      f.put("seconds", LatencySummary.round(fold.seconds(), 3));
      f.put("eventsPerSecond", LatencySummary.round(fold.eventsPerSecond(), 1));
      f.put("recordsPerSecond", LatencySummary.round(fold.recordsPerSecond(), 1));
      f.put("complete", fold.complete());
      f.put("revisitedStories", fold.revisitedStories());
      if (!fold.complete()) {
        report.note(
            "The in-memory fold did not read everything within "
                + s.consumerTimeout().toSeconds()
                + " s: its rate is over the "
                + Format.count(fold.events())
                + " events it folded.");
      }
    } catch (Exception | LinkageError e) {
      report.degrade("partial", "In-memory fold limit not measured: " + e);
    }
    return new Limits(storyOnly, same, decoded, fold);
  }

  // --------------------------------------------------------------------------------- the rebuild

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

    /** Whether the rebuild is over in the timeline (switched or failed), not running on. */
    boolean ended() {
      return isEnded(status);
    }
  }

  /** A status after which the timeline does no more rebuild work. */
  static boolean isEnded(String status) {
    return !status.equalsIgnoreCase("running")
        && !status.equalsIgnoreCase("pending")
        && !status.equalsIgnoreCase("unknown");
  }

  /** Ends a rebuild that runs on after its time limit: restarts the timeline (no cancel yet). */
  private static void endUnfinished(BenchContext ctx, ScenarioReport report, Rebuild rebuild) {
    ctx.progress().detail("restarting the timeline to end the unfinished rebuild");
    ObjectNode o = ((ObjectNode) report.json().get("rebuild")).putObject("restart");
    try {
      Stack.Stopped st = ctx.stack().stop("timeline", STOP_GRACE);
      o.put("stopped", st.wasRunning());
      o.put("graceful", st.graceful());
      o.put("stopSeconds", LatencySummary.round(st.seconds(), 2));
      if (!st.wasRunning()) {
        report.degrade(
            "partial",
            "The rebuild did not finish, and no running timeline was found to restart (no live"
                + " PID in .devstack/pids): it may go on after the bench.");
        return;
      }
    } catch (RuntimeException e) {
      o.put("error", e.getMessage());
      report.degrade(
          "partial",
          "The rebuild did not finish and the timeline could not be stopped to end it ("
              + e.getMessage()
              + "): it goes on eating CPU after the bench.");
      return;
    }
    startAgain(ctx, report, "to end the unfinished rebuild");
    report.note(
        "The rebuild was still '"
            + rebuild.status()
            + "' at its time limit ("
            + ctx.settings().rebuildTimeout().toSeconds()
            + " s). Rebuilds cannot be cancelled yet, so the bench restarted the timeline to end it"
            + " (stopped and started with ./ticker up -d), leaving the stack as it found it. The"
            + " unfinished rebuild's row stays 'running' until the next rebuild request marks it"
            + " failed (its heartbeat stopped), and its generation's rows are dropped then.");
  }

  private Rebuild rebuild(BenchContext ctx, ScenarioReport report) {
    Settings s = ctx.settings();
    Http http = ctx.http();
    HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 2);
    try {
      return rebuild(ctx, report, s, timeline);
    } finally {
      timeline.close();
    }
  }

  private Rebuild rebuild(
      BenchContext ctx, ScenarioReport report, Settings s, HttpClient timeline) {
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
    ObjectNode j = report.json().putObject("rebuild");
    long start = System.nanoTime();
    Http.Reply started =
        Http.await(
            Http.send(timeline, HttpMethod.POST, "/api/v1/admin/rebuilds", headers, null, 30_000),
            60_000);
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
    Beside beside = new Beside(ctx, report, duringWindow(ctx.options().quick()));
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
        if (isEnded(status)) {
          break;
        }
        if (status.equalsIgnoreCase("running")) {
          beside.startOnce();
        }
      }
      BenchContext.sleep(250);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    // the load beside the rebuild may still write to the report until it is joined
    beside.join();
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
                      + " records. The rates are over what it did so far"
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
    j.put("besideRebuildStarted", beside.started());
    if (last != null) {
      j.set("lastStatus", last);
    }
    var ser = j.putArray("series");
    for (double[] p : series) {
      ser.addArray().add(LatencySummary.round(p[0], 2)).add((long) p[1]).add((long) p[2]);
    }
    return new Rebuild(status, switched, applied, records, totalRecords, seconds, series);
  }

  /** The {@link DuringRebuild} load on its own thread: started once, joined before the report. */
  private final class Beside {
    private final BenchContext ctx;
    private final ScenarioReport report;
    private final Duration window;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread thread;

    Beside(BenchContext ctx, ScenarioReport report, Duration window) {
      this.ctx = ctx;
      this.report = report;
      this.window = window;
    }

    void startOnce() {
      if (thread != null || duringRebuild == DuringRebuild.NONE) {
        return;
      }
      thread =
          new Thread(
              () -> {
                try {
                  duringRebuild.run(ctx, report, window);
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "ticker-bench-beside-rebuild");
      thread.setDaemon(true);
      thread.start();
    }

    boolean started() {
      return thread != null;
    }

    void join() {
      if (thread == null) {
        return;
      }
      try {
        thread.join(window.toMillis() + 120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        thread.interrupt();
        report.degrade(
            "partial",
            "The live load beside the rebuild had not ended "
                + (window.toSeconds() + 120)
                + " s after it started: interrupted.");
      } else if (failure.get() != null) {
        report.degrade("partial", "The live load beside the rebuild failed: " + failure.get());
      }
    }
  }

  // ---------------------------------------------------------------------------------- the report

  private static void write(
      BenchContext ctx,
      ScenarioReport report,
      Limits limits,
      Rebuild rebuild,
      long storyEvents,
      long articleEvents,
      long keys) {
    ObjectNode j = report.json();
    KafkaBench.ReadOutcome storyOnly = limits.storyOnly();
    KafkaBench.ReadOutcome same = limits.same();
    KafkaBench.ReadOutcome decoded = limits.decoded();
    FoldLimit.Outcome fold = limits.fold();
    double sameEventsRate =
        same == null ? Double.NaN : (storyEvents + articleEvents) / same.seconds();
    double sameRecordsRate = same == null ? Double.NaN : same.recordsPerSecond();
    double storyRate = storyOnly == null ? Double.NaN : storyOnly.recordsPerSecond();
    double decodeRate = decoded == null ? Double.NaN : decoded.recordsPerSecond();
    double foldRate = fold == null ? Double.NaN : fold.eventsPerSecond();
    String foldLabel = "in-memory fold (decode, decrypt, sanitise, render, fold; no database)";

    List<List<String>> rows = new ArrayList<>();
    if (rebuild != null) {
      String when = rebuild.finished() ? "until switched" : "so far (not finished)";
      rows.add(
          List.of(
              "rebuild " + when + ": events applied per second",
              Format.number(rebuild.eventsRate()),
              foldLabel,
              Format.number(foldRate),
              Format.ratio(rebuild.eventsRate(), foldRate)));
      rows.add(
          List.of(
              "rebuild " + when + ": records replayed per second (content keys + events)",
              Format.number(rebuild.recordsRate()),
              "bare consumer, the rebuild's topics",
              Format.number(sameRecordsRate),
              Format.ratio(rebuild.recordsRate(), sameRecordsRate)));
      rows.add(
          List.of(
              "rebuild " + when + ": events applied per second",
              Format.number(rebuild.eventsRate()),
              "bare consumer decoding " + Topics.STORY_EVENTS,
              Format.number(decodeRate),
              Format.ratio(rebuild.eventsRate(), decodeRate)));
    }
    report.table(
        new ScenarioReport.Table(
            "Beside the limits",
            List.of("figure", "measured", "limit", "limit value", "ratio"),
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
            "live groups moved to the end after seeding",
            j.path("liveGroupsMoved").asBoolean()
                ? movedSummary(j.path("liveGroups"))
                : "no (nothing to skip)"));
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
              Format.number(sameRecordsRate)
                  + " records/s, "
                  + Format.number(sameEventsRate)
                  + " events/s"));
    }
    if (decoded != null) {
      detail.add(
          List.of(
              "bare consumer decoding every event (events module)",
              Format.number(decodeRate) + " events/s"));
    }
    if (fold != null) {
      detail.add(
          List.of(
              foldLabel,
              Format.number(foldRate)
                  + " events/s ("
                  + Format.count(fold.keyRecords())
                  + " keys in "
                  + Format.seconds(fold.keySeconds())
                  + ", "
                  + Format.count(fold.folded())
                  + " story events folded, "
                  + Format.count(fold.missingKeys())
                  + " without key, "
                  + Format.count(fold.poison())
                  + " poison, in "
                  + Format.seconds(fold.seconds())
                  + ")"));
    }
    report.table(new ScenarioReport.Table("Details", List.of("", ""), detail));

    figures(
        report,
        rebuild,
        storyRate,
        sameRecordsRate,
        sameEventsRate,
        decodeRate,
        foldRate,
        foldLabel);
    chart(report, rebuild, sameRecordsRate, foldRate);

    String ofFold =
        rebuild == null || Double.isNaN(foldRate)
            ? ""
            : ", "
                + Format.ratio(rebuild.eventsRate(), foldRate)
                + " × the in-memory fold limit ("
                + Format.number(foldRate)
                + " events/s)";
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
                    + (rebuild.finished() ? "" : " so far (" + rebuild.status() + ")")
                    + ofFold,
            rebuild == null || rebuild.records() == 0
                ? null
                : rebuild.finished()
                    ? rebuild.eventsRate() >= 20_000
                    : rebuild.recordsRate() >= 20_000 ? null : false));
  }

  private static String movedSummary(JsonNode groups) {
    List<String> parts = new ArrayList<>();
    groups
        .fields()
        .forEachRemaining(
            e ->
                parts.add(
                    e.getKey()
                        + (e.getValue().path("moved").asBoolean() ? "" : " (not moved)")
                        + ": "
                        + Format.count(e.getValue().path("skippedRecords").asLong())
                        + " records skipped"));
    return parts.isEmpty() ? "failed (see the notes)" : String.join("; ", parts);
  }

  private static void figures(
      ScenarioReport report,
      Rebuild rebuild,
      double storyRate,
      double sameRecordsRate,
      double sameEventsRate,
      double decodeRate,
      double foldRate,
      String foldLabel) {
    ObjectNode j = report.json();
    if (rebuild != null && rebuild.records() > 0) {
      String so = rebuild.finished() ? "" : " (so far, not finished)";
      report.figure(
          new Figure(
              "rebuild.eventsPerSecond",
              "rebuild: events applied per second" + so,
              rebuild.eventsRate(),
              "events/s",
              foldRate,
              foldLabel,
              Better.HIGHER));
      report.figure(
          new Figure(
              "rebuild.recordsPerSecond",
              "rebuild: records replayed per second (content keys + events)" + so,
              rebuild.recordsRate(),
              "records/s",
              sameRecordsRate,
              "bare consumer, the rebuild's topics",
              Better.HIGHER));
      if (rebuild.finished()) {
        report.figure(
            Figure.of(
                "rebuild.seconds",
                "rebuild: requested → switched",
                rebuild.seconds(),
                "s",
                Better.LOWER));
      }
    }
    limitFigure(report, "limit.fold.eventsPerSecond", "limit: " + foldLabel, foldRate, "events/s");
    limitFigure(
        report,
        "limit.decode.eventsPerSecond",
        "limit: bare consumer decoding " + Topics.STORY_EVENTS,
        decodeRate,
        "events/s");
    limitFigure(
        report,
        "limit.bare.storyEvents.recordsPerSecond",
        "limit: bare consumer, " + Topics.STORY_EVENTS,
        storyRate,
        "records/s");
    limitFigure(
        report,
        "limit.bare.rebuildTopics.recordsPerSecond",
        "limit: bare consumer, the rebuild's topics (records)",
        sameRecordsRate,
        "records/s");
    limitFigure(
        report,
        "limit.bare.rebuildTopics.eventsPerSecond",
        "limit: bare consumer, the rebuild's topics (events)",
        sameEventsRate,
        "events/s");
    if (j.has("seedRate")) {
      limitFigure(
          report,
          "seed.eventsPerSecond",
          "seeding: story events produced per second (acks=all)",
          j.path("seedRate").asDouble(),
          "events/s");
    }
  }

  private static void limitFigure(
      ScenarioReport report, String key, String label, double value, String unit) {
    if (!Double.isNaN(value)) {
      report.figure(Figure.of(key, label, value, unit, Better.HIGHER));
    }
  }

  private static void chart(
      ScenarioReport report, Rebuild rebuild, double sameRecordsRate, double foldRate) {
    if (rebuild == null || rebuild.series().isEmpty()) {
      return;
    }
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
    if (!Double.isNaN(foldRate)) {
      levels.add(new SvgChart.Level("limit: in-memory fold, events", foldRate));
    }
    levels.add(new SvgChart.Level("target: 20,000 events/s", 20_000));
    report.chart(
        new ScenarioReport.Chart(
            "replay-throughput.svg",
            "Rebuild: records replayed and events applied per second over time, with the"
                + " bare-consumer and in-memory fold limits (dashed)",
            SvgChart.overTime(
                "Replay: rebuild throughput",
                "per second",
                List.of(
                    new SvgChart.Line("records replayed (keys + events)", recs),
                    new SvgChart.Line("events applied", events)),
                levels)));
  }

  // ---------------------------------------------------------------------------------- helpers

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
        if (r.status() == 200
            && st != null
            && st.path("status").asText("").equals("running")
            && !heartbeatStopped(st, Instant.now())) {
          return dir.getFileName() + ", " + resource;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // unknown: nothing to say
    }
    return null;
  }

  /**
   * Whether a rebuild that says "running" stopped reporting: its row stays "running" after its
   * timeline was restarted (as this scenario does to end one), until the next request marks it
   * failed. Its heartbeat is then older than the timeline's heartbeat timeout (30 s by default).
   */
  static boolean heartbeatStopped(JsonNode status, Instant now) {
    String at = status.path("heartbeatAt").asText(null);
    if (at == null) {
      return false;
    }
    try {
      return Instant.parse(at).isBefore(now.minus(HEARTBEAT_TIMEOUT));
    } catch (RuntimeException e) {
      return false;
    }
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
}
