package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.blog.BlogPost;
import news.ticker.bench.blog.FeedCheck;
import news.ticker.bench.http.Http;
import news.ticker.bench.http.SseReaders;
import news.ticker.bench.measure.Latencies;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;

/**
 * 5. A real live blog replayed through the newsroom API at up to 1000× its real pace, each post as
 * escaped paragraphs with its headline, original publishedAt, key-event and pinned flags; then the
 * feed is checked against the input. The report names posts by line only: no text of the input ever
 * lands in the results.
 */
public final class RealBlog implements Scenario {

  static final String ID = "real-blog";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    return 35;
  }

  /** The input files: --input, else ../shared/fixtures/guardian/*.jsonl beside the repository. */
  static List<Path> inputs(BenchContext ctx) throws IOException {
    if (!ctx.options().inputs().isEmpty()) {
      return ctx.options().inputs();
    }
    Path dir = ctx.stack().root().resolve("../shared/fixtures/guardian").normalize();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jsonl")) {
        ds.forEach(files::add);
      }
    }
    Collections.sort(files);
    return files;
  }

  private record BlogRun(
      String file,
      int posts,
      int accepted,
      Map<Integer, Long> statuses,
      double spanSeconds,
      double replaySeconds,
      LatencySummary writes,
      LatencySummary push,
      long pushFrames,
      List<FeedCheck.Check> checks,
      String problem) {}

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "5. Real blog",
            String.format(
                Locale.ROOT,
                "Real live blogs (one JSON object per line) replayed through the newsroom API at %s× their real"
                    + " pace: a story per file, then each post in order of `firstPublished` as `POST …/updates` with"
                    + " its text as HTML-escaped `<p>` paragraphs, its title as headline, `firstPublished` as"
                    + " `publishedAt`, and its key-event and pinned flags (a post without text, an image only, gets"
                    + " a placeholder paragraph naming its elements). One SSE reader follows each story. Then the"
                    + " feed (all pages) and header are checked against the input: count, order by publishedAt,"
                    + " publication times, headlines, key events, the pinned update and the body text. Findings"
                    + " name input lines only; no input text is written to the results.",
                Format.number(s.pace())));
    List<Path> files = inputs(ctx);
    if (files.isEmpty()) {
      report.degrade(
          "not measured",
          "No input: pass --input FILE, or place files at ../shared/fixtures/guardian/*.jsonl.");
      return report;
    }
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      report.degrade("not measured", "Not measured: " + unavailable + ".");
      return report;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(files.size(), 4));
    List<Future<BlogRun>> futures = new ArrayList<>();
    Map<String, Double> progress = new ConcurrentHashMap<>();
    for (Path file : files) {
      futures.add(pool.submit(() -> replay(ctx, file, progress)));
    }
    List<BlogRun> runs = new ArrayList<>();
    for (Future<BlogRun> f : futures) {
      try {
        runs.add(f.get(s.blogTimeout().toSeconds() + 60, TimeUnit.SECONDS));
      } catch (Exception e) {
        report.degrade("partial", "A blog replay failed: " + e);
      }
    }
    pool.shutdownNow();

    List<List<String>> rows = new ArrayList<>();
    List<List<String>> checkRows = new ArrayList<>();
    var arr = report.json().putArray("blogs");
    int passed = 0;
    int total = 0;
    for (BlogRun r : runs) {
      ObjectNode j = arr.addObject();
      j.put("file", r.file());
      j.put("posts", r.posts());
      j.put("accepted", r.accepted());
      ObjectNode st = j.putObject("statuses");
      r.statuses().forEach((k, v) -> st.put(Integer.toString(k), v));
      j.put("realSpanSeconds", LatencySummary.round(r.spanSeconds(), 1));
      j.put("replaySeconds", LatencySummary.round(r.replaySeconds(), 2));
      j.put(
          "speedUp",
          r.replaySeconds() > 0 ? LatencySummary.round(r.spanSeconds() / r.replaySeconds(), 1) : 0);
      j.set("writeLatency", r.writes().toJson());
      j.set("publishToScreen", r.push().toJson());
      if (r.problem() != null) {
        j.put("problem", r.problem());
        report.degrade("partial", r.file() + ": " + r.problem());
      }
      var cj = j.putArray("checks");
      for (FeedCheck.Check c : r.checks()) {
        ObjectNode o = cj.addObject();
        o.put("name", c.name());
        o.put("ok", c.ok());
        o.put("detail", c.detail());
        checkRows.add(List.of(r.file(), c.name(), c.ok() ? "ok" : "FAILED", c.detail()));
        total++;
        passed += c.ok() ? 1 : 0;
      }
      rows.add(
          List.of(
              r.file(),
              r.accepted() + " / " + r.posts(),
              Format.seconds(r.spanSeconds()) + " → " + Format.seconds(r.replaySeconds()),
              Format.ms(r.writes().p50Ms()) + " / " + Format.ms(r.writes().p99Ms()),
              Format.ms(r.push().p50Ms()) + " / " + Format.ms(r.push().maxMs()),
              r.checks().stream().filter(FeedCheck.Check::ok).count() + " / " + r.checks().size()));
    }
    report.table(
        new ScenarioReport.Table(
            "Replays",
            List.of(
                "input",
                "accepted / posts",
                "real span → replay",
                "write p50 / p99",
                "publish-to-screen p50 / max",
                "checks passed"),
            rows));
    report.table(
        new ScenarioReport.Table(
            "Feed checks", List.of("input", "check", "result", "detail"), checkRows));
    report.json().put("checksPassed", passed);
    report.json().put("checks", total);
    report.figure(
        new ScenarioReport.Figure(
            "checksPassed",
            "feed checks passed",
            passed,
            "checks",
            total,
            "checks made",
            ScenarioReport.Better.HIGHER));
    report.target(
        new ScenarioReport.Target(
            "real blogs: the feed matches the input",
            "every check",
            passed + " of " + total + " checks passed",
            total == 0 ? null : passed == total));
    return report;
  }

  private BlogRun replay(BenchContext ctx, Path file, Map<String, Double> progressByFile)
      throws Exception {
    Settings s = ctx.settings();
    String name = file.getFileName().toString();
    List<BlogPost> posts = BlogPost.read(file);
    Http http = ctx.http();
    HttpClient ingest = http.client(ctx.stack().host(), ctx.stack().ingestPort(), 4);
    HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 4);
    String token = ctx.stack().token("editor");
    Map<Integer, Long> statuses = new TreeMap<>();
    Latencies writes = new Latencies();
    List<FeedCheck.Posted> posted = new ArrayList<>();
    if (posts.isEmpty()) {
      return new BlogRun(
          name,
          0,
          0,
          statuses,
          0,
          0,
          LatencySummary.EMPTY,
          LatencySummary.EMPTY,
          0,
          List.of(),
          "the input has no posts");
    }
    Api.Opened opened =
        Api.openStoryAndWait(ingest, token, "Bench: real blog " + name, Api.slug("bench-blog"));
    Http.Reply h =
        Api.awaitProjected(
            timeline, opened.storyId(), opened.version(), System.nanoTime() + 60_000_000_000L);
    Map<Long, Long> writtenAt = new ConcurrentHashMap<>();
    Map<Long, Long> seenAt = new ConcurrentHashMap<>();
    SseReaders reader =
        new SseReaders(
            http,
            ctx.stack().host(),
            ctx.stack().timelinePort(),
            "/api/v1/stories/" + opened.storyId() + "/stream",
            1,
            1,
            false,
            (r, event, id, bytes, data, nanos) -> {
              try {
                seenAt.putIfAbsent(Long.parseLong(id), nanos);
              } catch (RuntimeException e) {
                // not a versioned frame
              }
            });
    if (h != null && h.status() == 200) {
      Http.await(reader.connectAll(1), 30_000);
    }
    long span = posts.get(posts.size() - 1).firstPublished() - posts.get(0).firstPublished();
    long start = System.nanoTime();
    long deadline = start + s.blogTimeout().toNanos();
    long version = opened.version();
    String problem = null;
    for (int i = 0; i < posts.size(); i++) {
      BlogPost post = posts.get(i);
      long due =
          start
              + (long)
                  ((post.firstPublished() - posts.get(0).firstPublished()) / s.pace() * 1_000_000L);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      }
      if (System.nanoTime() > deadline) {
        problem = "stopped after " + i + " posts: the time limit was reached";
        break;
      }
      progressByFile.put(name, (i + 1) / (double) posts.size());
      ctx.progress()
          .update(
              progressByFile.values().stream().mapToDouble(Double::doubleValue).sum()
                  / Math.max(1, progressByFile.size())
                  * 0.9,
              "posting " + name + " " + (i + 1) + "/" + posts.size());
      Http.Reply r =
          Http.await(
              Api.postUpdate(
                  ingest, token, opened.storyId(), post.updateRequest().toString(), 30_000),
              60_000);
      statuses.merge(r.status(), 1L, Long::sum);
      if (r.status() == 201 || r.status() == 200) {
        writes.recordNanos(r.latencyNanos());
        long v = Api.version(r);
        version = Math.max(version, v);
        writtenAt.put(v, r.endNanos());
        JsonNode body = Api.parse(r);
        String updateId = body == null ? null : body.path("id").asText(null);
        if (updateId == null && r.header("Location") != null) {
          String loc = r.header("Location");
          updateId = loc.substring(loc.lastIndexOf('/') + 1);
        }
        posted.add(new FeedCheck.Posted(post, updateId));
      }
    }
    double replaySeconds = (System.nanoTime() - start) / 1e9;
    // Wait for the projection, give the reader a moment, then read the whole feed.
    Http.Reply header =
        Api.awaitProjected(
            timeline, opened.storyId(), version, System.nanoTime() + 60_000_000_000L);
    long graceEnd = System.nanoTime() + 5_000_000_000L;
    while (seenAt.keySet().stream().filter(writtenAt::containsKey).count() < writtenAt.size()
        && System.nanoTime() < graceEnd) {
      Thread.sleep(50);
    }
    Http.await(reader.close(), 10_000);
    Latencies push = new Latencies();
    long frames = 0;
    for (Map.Entry<Long, Long> e : writtenAt.entrySet()) {
      Long seen = seenAt.get(e.getKey());
      if (seen != null) {
        push.recordNanos(Math.max(0, seen - e.getValue()));
        frames++;
      }
    }
    List<JsonNode> feed = new ArrayList<>();
    String cursor = null;
    for (int pageNo = 0; pageNo < 200; pageNo++) {
      String uri =
          "/api/v1/stories/"
              + opened.storyId()
              + "/updates?limit=100"
              + (cursor == null
                  ? ""
                  : "&before=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      Http.Reply page = null;
      JsonNode body = null;
      for (int attempt = 0; attempt < 3 && body == null; attempt++) {
        page = Http.await(Api.get(timeline, uri, Map.of("Accept", "application/json")), 30_000);
        body = page.status() == 200 ? Api.parse(page) : null;
        if (body == null || !body.has("items")) {
          body = null;
          Thread.sleep(500);
        }
      }
      if (body == null) {
        // never the body itself: it holds the input's text
        problem =
            "feed page answered "
                + page.status()
                + " ("
                + page.header("Content-Type")
                + ", "
                + (page.body() == null ? 0 : page.body().length())
                + " bytes) that is not a feed page";
        break;
      }
      body.path("items").forEach(feed::add);
      JsonNode next = body.get("next");
      if (next == null || next.isNull() || next.asText().isEmpty()) {
        break;
      }
      cursor = next.asText();
    }
    JsonNode headerJson = header != null && header.status() == 200 ? Api.parse(header) : null;
    List<FeedCheck.Check> checks = FeedCheck.check(posted, feed, headerJson);
    ingest.close();
    timeline.close();
    return new BlogRun(
        name,
        posts.size(),
        posted.size(),
        statuses,
        span / 1000.0,
        replaySeconds,
        LatencySummary.of(writes.total()),
        LatencySummary.of(push.total()),
        frames,
        checks,
        problem);
  }
}
