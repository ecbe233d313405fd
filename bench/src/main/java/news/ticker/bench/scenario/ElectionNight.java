package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.http.Http;
import news.ticker.bench.load.OpenLoop;
import news.ticker.bench.load.Schedule;
import news.ticker.bench.load.Zipf;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.Latencies;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.Grade;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.SvgChart;
import org.HdrHistogram.Histogram;

/**
 * Election night: many live stories at once, attention spread by a Zipf law. Updates at a steady
 * total rate go to the stories by the law's weights (open loop, one schedule); readers are spread
 * over the stories the same way, and a share of them drop and resume with {@code Last-Event-ID}
 * every minute, reloading the story's first feed page as a page does. Publish-to-screen from each
 * write's due time, lost and late frames, and the reconnecting readers' feed reads.
 */
public final class ElectionNight implements Scenario {

  static final String ID = "election-night";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    return s.electionStories() / 8.0
        + s.electionReaders() / 400.0
        + s.electionWindow().toSeconds()
        + Math.min(s.pushGrace().toSeconds(), 5)
        + 5;
  }

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    int storiesWanted = s.electionStories();
    int readersWanted = s.electionReaders();
    double rate = s.electionRate();
    double zipfS = s.electionZipf();
    long windowMs = s.electionWindow().toMillis();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "Election night",
            String.format(
                Locale.ROOT,
                "%d live stories take %s updates/s in all, spread over the stories by a Zipf law (s = %s:"
                    + " the first story takes %.0f %% of the updates, the last %.2f %%), open loop from one"
                    + " schedule for %d s. %s SSE readers are spread over the stories the same way; every"
                    + " minute %.0f %% of them drop their connection and resume it at once with"
                    + " `Last-Event-ID`, and reload the story's first feed page (`GET …/updates?limit=20`)"
                    + " as a page does (spread evenly over the minute). Publish-to-screen runs from each"
                    + " write's due time to each reader's frame; frames missing %d s after the last write are"
                    + " **lost**, frames over 5 s **late**.",
                storiesWanted,
                Format.number(rate),
                Format.number(zipfS),
                100 * new Zipf(storiesWanted, zipfS).weight(0),
                100 * new Zipf(storiesWanted, zipfS).weight(storiesWanted - 1),
                windowMs / 1000,
                Format.count(readersWanted),
                100 * s.electionReconnectShare(),
                s.pushGrace().toSeconds()));
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      report.degrade("not measured", "Not measured: " + unavailable + ".");
      return report;
    }
    Http http = ctx.http();
    String host = ctx.stack().host();
    HttpClient ingest = http.client(host, ctx.stack().ingestPort(), 256);
    HttpClient timeline = http.client(host, ctx.stack().timelinePort(), 32);
    String token = ctx.stack().token("editor");
    Zipf zipf = new Zipf(storiesWanted, zipfS);
    List<PushCell.Readers> groups = new ArrayList<>();
    CpuMeter meter = new CpuMeter(ctx.stack().pids());
    try {
      // 1. The stories.
      List<String> stories = new ArrayList<>();
      List<Long> versions = new ArrayList<>();
      for (int i = 0; i < storiesWanted; i++) {
        ctx.progress()
            .update(0.05 * i / storiesWanted, "opening story " + (i + 1) + "/" + storiesWanted);
        Api.Opened o =
            Api.openStoryAndWait(
                ingest,
                token,
                "Bench: election night, race " + (i + 1),
                Api.slug("bench-election"));
        stories.add(o.storyId());
        versions.add(o.version());
      }
      for (int i = 0; i < stories.size(); i++) {
        Http.Reply h =
            Api.awaitProjected(
                timeline, stories.get(i), versions.get(i), System.nanoTime() + 60_000_000_000L);
        if (h == null || h.status() != 200) {
          report.degrade("partial", "Story " + (i + 1) + " never appeared on the timeline.");
          return report;
        }
        versions.set(i, Api.version(h));
      }

      // 2. The readers, Zipf-spread; each story's group on addresses of its own.
      int[] perStory = zipf.spread(readersWanted);
      int address = 0;
      int connected = 0;
      for (int i = 0; i < stories.size(); i++) {
        ctx.progress()
            .update(
                0.05 + 0.1 * i / stories.size(),
                "connecting readers: story " + (i + 1) + ", " + perStory[i] + " readers");
        PushCell.Readers r =
            PushCell.Readers.connect(
                ctx,
                ctx.stack().timelinePort(),
                "/api/v1/stories/" + stories.get(i) + "/stream",
                perStory[i],
                s.maxConcurrentConnects(),
                address);
        address += r.sse.addresses();
        connected += r.sse.connected();
        groups.add(r);
      }
      if (connected < readersWanted) {
        report.note(
            Format.count(connected) + " of " + Format.count(readersWanted) + " readers connected.");
      }
      BenchContext.sleep(1000);

      // 3. Trackers, the writer and the reconnections.
      long total = (long) Math.floor(rate * windowMs / 1000.0);
      List<PushTracker> trackers = new ArrayList<>();
      List<boolean[]> counted = new ArrayList<>();
      for (int i = 0; i < stories.size(); i++) {
        PushCell.Readers g = groups.get(i);
        PushTracker t = new PushTracker(g.n, versions.get(i), (int) total + 64);
        trackers.add(t);
        boolean[] c = new boolean[g.n];
        for (int k = 0; k < g.n; k++) {
          c[k] = g.sse.everConnected(k);
        }
        counted.add(c);
        g.track(t);
      }
      List<String> bodies = Api.updateBodies(17, 100, "Bench election update", 30, 400);
      Zipf.Sampler pick = zipf.sampler(23);
      int[] target = new int[(int) total];
      int[] writesPerStory = new int[stories.size()];
      for (int i = 0; i < total; i++) {
        target[i] = pick.next();
        writesPerStory[target[i]]++;
      }
      Latencies feedReads = new Latencies();
      Map<Integer, LongAdder> feedStatuses = new ConcurrentHashMap<>();
      LongAdder reconnectsAsked = new LongAdder();
      Thread reconnector =
          reconnector(
              ctx,
              s,
              groups,
              stories,
              timeline,
              feedReads,
              feedStatuses,
              reconnectsAsked,
              windowMs);
      CpuMeter.Snapshot before = meter.snapshot();
      Schedule schedule = Schedule.forWindow(System.nanoTime() + 20_000_000L, rate, windowMs / 1e3);
      reconnector.start();
      OpenLoop.Outcome w =
          OpenLoop.run(
              http.vertx(),
              schedule,
              PushCell.MAX_IN_FLIGHT,
              i ->
                  Api.postUpdate(
                      ingest,
                      token,
                      stories.get(target[(int) i]),
                      bodies.get((int) (i % bodies.size())),
                      30_000),
              r -> r.status() == 201 || r.status() == 200,
              (i, intended, r) -> {
                if (r.status() == 201 || r.status() == 200) {
                  trackers.get(target[(int) i]).written(Api.version(r), intended);
                }
              },
              ns ->
                  ctx.progress()
                      .update(
                          0.15 + 0.75 * Math.min(1.0, ns / 1e6 / windowMs),
                          String.format(
                              Locale.ROOT,
                              "%s updates/s over %d stories, %s readers  %ds/%ds",
                              Format.number(rate),
                              stories.size(),
                              Format.count(readersWanted),
                              ns / 1_000_000_000L,
                              windowMs / 1000)));
      reconnector.interrupt();
      reconnector.join(10_000);
      // 4. Wait for the last frames (bounded by the grace).
      long expected = 0;
      for (int i = 0; i < trackers.size(); i++) {
        long readersCounted = 0;
        for (boolean b : counted.get(i)) {
          readersCounted += b ? 1 : 0;
        }
        expected += trackers.get(i).writtenCount() * readersCounted;
      }
      long graceEnd = System.nanoTime() + s.pushGrace().toNanos();
      while (System.nanoTime() < graceEnd) {
        long received = trackers.stream().mapToLong(PushTracker::frames).sum();
        if (received >= expected) {
          break;
        }
        ctx.progress()
            .update(
                0.9,
                "waiting for the last frames: "
                    + Format.count(received)
                    + "/"
                    + Format.count(expected));
        BenchContext.sleep(100);
      }
      report.phase("stack: election night", CpuMeter.between(before, meter.snapshot()));
      Histogram all = Latencies.emptyHistogram();
      long received = 0;
      long lost = 0;
      long late = 0;
      long duplicates = 0;
      for (int i = 0; i < trackers.size(); i++) {
        PushTracker t = trackers.get(i);
        groups.get(i).track(null);
        t.settle();
        all.add(t.latencies().total());
        received += t.frames();
        boolean[] c = counted.get(i);
        lost += t.lost(k -> c[k]);
        late += t.late();
        duplicates += t.duplicates();
      }
      // What a loss looked like: the first lost frames, with the reader's resumes around them.
      com.fasterxml.jackson.databind.node.ArrayNode examples = Api.JSON.createArrayNode();
      for (int i = 0; i < trackers.size() && examples.size() < 20; i++) {
        boolean[] c = counted.get(i);
        for (long[] miss : trackers.get(i).lostExamples(k -> c[k], 20 - examples.size())) {
          int reader = (int) miss[0];
          long due = trackers.get(i).dueNanos(miss[1]);
          com.fasterxml.jackson.databind.node.ObjectNode o = examples.addObject();
          o.put("storyRank", i + 1);
          o.put("reader", reader);
          o.put("version", miss[1]);
          o.put("dueSecond", LatencySummary.round((due - schedule.startNanos()) / 1e9, 3));
          com.fasterxml.jackson.databind.node.ArrayNode rs = o.putArray("resumes");
          for (long[] r : groups.get(i).sse.resumesOf(reader)) {
            rs.addObject()
                .put("atSecond", LatencySummary.round((r[0] - schedule.startNanos()) / 1e9, 3))
                .put("lastEventId", r[1]);
          }
        }
      }
      long disconnects = groups.stream().mapToLong(g -> g.sse.disconnects()).sum();
      long resumed = groups.stream().mapToLong(g -> g.sse.resumed()).sum();
      long failedReconnects = groups.stream().mapToLong(g -> g.sse.failedReconnects()).sum();
      java.util.Map<String, Long> readerFailures = new java.util.TreeMap<>();
      groups.forEach(
          g -> g.sse.failures().forEach((k, v) -> readerFailures.merge(k, v, Long::sum)));
      LatencySummary latency = LatencySummary.of(all);
      LatencySummary writes = LatencySummary.of(w.fromIntended().total());
      LatencySummary feeds = LatencySummary.of(feedReads.total());

      // 5. Report.
      ObjectNode j = report.json();
      j.put("stories", stories.size());
      j.put("zipfS", zipfS);
      j.put("readersAsked", readersWanted);
      j.put("readersConnected", connected);
      j.putPOJO("readersPerStory", perStory);
      j.putPOJO("writesPerStory", writesPerStory);
      j.put("rateAsked", rate);
      j.put("rateAchieved", LatencySummary.round(w.achievedRate(), 2));
      j.put("writesSent", w.sent());
      j.put("writesAccepted", w.accepted());
      j.put("deferredByInFlightCap", w.deferredByCap());
      j.put("abandonedAfterDrain", w.abandoned());
      j.putPOJO("writeStatuses", w.statuses());
      j.set("writeLatencyFromDue", writes.toJson());
      j.put("framesExpected", expected);
      j.put("framesReceived", received);
      j.put("framesLost", lost);
      j.put("framesLate", late);
      j.put("duplicateFrames", duplicates);
      j.put("serverDisconnects", disconnects);
      j.put("reconnectsAsked", reconnectsAsked.sum());
      j.put("reconnectsResumed", resumed);
      j.put("failedReconnectsRetried", failedReconnects);
      j.set("lostExamples", examples);
      j.putPOJO("readerFailures", readerFailures);
      if (failedReconnects > 0 || !readerFailures.isEmpty()) {
        report.note(
            "Readers' connections that failed (each failed reconnection was tried again after 2 s,"
                + " as a browser does): "
                + Format.count(failedReconnects)
                + " reconnections; failures by reason "
                + readerFailures
                + ".");
      }
      j.set("latency", latency.toJson());
      j.set("feedReads", feeds.toJson());
      Map<Integer, Long> fs = new java.util.TreeMap<>();
      feedStatuses.forEach((k, v) -> fs.put(k, v.sum()));
      j.putPOJO("feedReadStatuses", fs);
      report.table(
          new ScenarioReport.Table(
              "Write due → frame parsed by each reader, all stories",
              List.of(
                  "updates/s asked / achieved",
                  "readers",
                  "frames expected",
                  "lost / late",
                  "duplicates",
                  "p50",
                  "p99",
                  "p99.9",
                  "max",
                  "write p50 / p99 (from due)"),
              List.of(
                  List.of(
                      Format.number(rate) + " / " + Format.number(w.achievedRate()),
                      Format.count(connected),
                      Format.count(expected),
                      Format.count(lost) + " / " + Format.count(late),
                      Format.count(duplicates),
                      Format.ms(latency.p50Ms()),
                      Format.ms(latency.p99Ms()),
                      Format.ms(latency.p999Ms()),
                      Format.ms(latency.maxMs()),
                      Format.ms(writes.p50Ms()) + " / " + Format.ms(writes.p99Ms())))));
      report.table(
          new ScenarioReport.Table(
              "Reconnecting readers",
              List.of(
                  "resumes asked / done",
                  "server-side disconnects",
                  "feed reads",
                  "feed read p50",
                  "p99",
                  "statuses"),
              List.of(
                  List.of(
                      Format.count(reconnectsAsked.sum()) + " / " + Format.count(resumed),
                      Format.count(disconnects),
                      Format.count(feeds.count()),
                      Format.ms(feeds.p50Ms()),
                      Format.ms(feeds.p99Ms()),
                      fs.toString()))));
      report.table(
          new ScenarioReport.Table(
              "The spread (Zipf)",
              List.of("story rank", "readers", "updates"),
              List.of(
                  List.of("1", Integer.toString(perStory[0]), Integer.toString(writesPerStory[0])),
                  List.of("2", Integer.toString(perStory[1]), Integer.toString(writesPerStory[1])),
                  List.of("10", Integer.toString(perStory[9]), Integer.toString(writesPerStory[9])),
                  List.of(
                      Integer.toString(stories.size()),
                      Integer.toString(perStory[stories.size() - 1]),
                      Integer.toString(writesPerStory[stories.size() - 1])))));
      if (latency.count() > 0) {
        report.chart(
            new ScenarioReport.Chart(
                "election-night-latency.svg",
                "Election night: publish-to-screen latency by percentile, from the write's due time",
                SvgChart.percentiles(
                    "Election night: write due → SSE frame",
                    List.of(
                        new SvgChart.Line("all stories", latency.cdf()),
                        new SvgChart.Line("feed reads of resuming readers", feeds.cdf())))));
      }
      report.figure(
          ScenarioReport.Figure.of(
              "p50Ms",
              "publish-to-screen p50",
              latency.p50Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              "p99Ms",
              "publish-to-screen p99",
              latency.p99Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              "p999Ms",
              "publish-to-screen p99.9",
              latency.p999Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              "lost", "frames lost", lost, "frames", ScenarioReport.Better.LOWER));
      report.figure(
          ScenarioReport.Figure.of(
              "late", "frames late (> 5 s)", late, "frames", ScenarioReport.Better.LOWER));
      report.figure(
          new ScenarioReport.Figure(
              "achievedPerSecond",
              "updates achieved",
              w.achievedRate(),
              "/s",
              rate,
              "asked",
              ScenarioReport.Better.HIGHER));
      report.figure(
          ScenarioReport.Figure.of(
              "feedReadP99Ms",
              "feed read p99 of resuming readers",
              feeds.p99Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
      boolean met = latency.count() > 0 && latency.p99Ms() <= 250 && lost == 0;
      report.target(
          new ScenarioReport.Target(
              "election night publish-to-screen p99",
              "≤ 250 ms, none lost (aim ≤ 100 ms)",
              "p99 "
                  + Format.ms(latency.p99Ms())
                  + ", "
                  + Format.count(lost)
                  + " lost, "
                  + Format.count(late)
                  + " late, at "
                  + Format.number(w.achievedRate())
                  + "/s achieved",
              latency.count() == 0
                  ? Grade.NOT_MEASURED
                  : Grade.atRate(rate, w.achievedRate(), met)));
      return report;
    } finally {
      for (PushCell.Readers g : groups) {
        g.close();
      }
      ingest.close();
      timeline.close();
    }
  }

  /**
   * Every minute {@code share} of the readers resume: one at a time, spread evenly over the minute,
   * each dropping its connection, resuming with {@code Last-Event-ID} and reading its story's first
   * feed page.
   */
  private static Thread reconnector(
      BenchContext ctx,
      Settings s,
      List<PushCell.Readers> groups,
      List<String> stories,
      HttpClient timeline,
      Latencies feedReads,
      Map<Integer, LongAdder> statuses,
      LongAdder asked,
      long windowMs) {
    int readers = groups.stream().mapToInt(g -> g.n).sum();
    double perSecond = readers * s.electionReconnectShare() / 60.0;
    Thread t =
        new Thread(
            () -> {
              if (perSecond <= 0) {
                return;
              }
              SplittableRandom random = new SplittableRandom(29);
              long start = System.nanoTime();
              long end = start + windowMs * 1_000_000L;
              long n = 0;
              while (!Thread.currentThread().isInterrupted()) {
                long due = start + (long) (n * 1e9 / perSecond);
                if (due >= end) {
                  return;
                }
                long wait = (due - System.nanoTime()) / 1_000_000L;
                if (wait > 0 && !BenchContext.sleep(wait)) {
                  return;
                }
                n++;
                int pick = random.nextInt(readers);
                int g = 0;
                while (pick >= groups.get(g).n) {
                  pick -= groups.get(g).n;
                  g++;
                }
                if (groups.get(g).sse.reconnectNow(pick)) {
                  asked.increment();
                  long sent = System.nanoTime();
                  Api.get(
                          timeline,
                          "/api/v1/stories/" + stories.get(g) + "/updates?limit=20",
                          Map.of("Accept", "application/json"))
                      .onComplete(
                          ar -> {
                            Http.Reply r = ar.result();
                            statuses.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
                            if (r.status() == 200) {
                              feedReads.recordNanos(r.endNanos() - sent);
                            }
                          });
                }
              }
            },
            "ticker-bench-reconnector");
    t.setDaemon(true);
    return t;
  }
}
