package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.http.ClosedLoop;
import news.ticker.bench.http.ConstantServer;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.Payloads;
import news.ticker.bench.measure.CpuMeter;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.ScenarioReport;
import news.ticker.bench.report.SvgChart;

/**
 * 3. A hot story's feed page and header, with and without {@code If-None-Match}: requests per
 * second and p99. Limit: the same HTTP stack (Vert.x on Netty, in a JVM of its own) answering the
 * same bytes as a constant response.
 */
public final class FeedReads implements Scenario {

  static final String ID = "feed-reads";
  private static final int PAGE = 20;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double estimateSeconds(Settings s) {
    double variant = s.feedWarmup().toSeconds() + s.feedWindow().toSeconds() + 0.5;
    return 8 + s.feedUpdates() / 20.0 + 7 * variant + 3;
  }

  private record Variant(
      String name, String limitName, ClosedLoop.Outcome outcome, int expectedStatus) {}

  /** Meters each variant's phase: the stack's components, and the constant server for limits. */
  private CpuMeter meter;

  private ScenarioReport current;

  @Override
  public ScenarioReport run(BenchContext ctx) throws Exception {
    Settings s = ctx.settings();
    ScenarioReport report =
        new ScenarioReport(
            ID,
            "3. Feed reads",
            String.format(
                Locale.ROOT,
                "A hot story with %d updates; %d concurrent readers (closed loop, keep-alive) fetch its feed page"
                    + " (`GET …/updates?limit=%d`) and its header (`GET /api/v1/stories/{id}`), each once"
                    + " without and once with `If-None-Match` (a CDN or browser revalidating: `304`), %d s each"
                    + " after a %d s warm-up. **Limit**: the HTTP stack the services run on (Vert.x on Netty,"
                    + " one verticle per event loop as Quarkus deploys it) in a JVM of its own, answering the"
                    + " very same bytes and headers as constants (`200` with the page or header body, `304`"
                    + " with the ETag) under the same load. Not `/q/health/live` (it runs checks) nor"
                    + " `/q/openapi` (a different, larger document): only a constant answer of the same size"
                    + " isolates what the timeline adds (routing, the read model, rendering) from what any"
                    + " response costs on this machine.",
                s.feedUpdates(),
                s.feedConcurrency(),
                PAGE,
                s.feedWindow().toSeconds(),
                s.feedWarmup().toSeconds()));
    current = report;
    meter = new CpuMeter(ctx.stack().pids());
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      report.degrade(
          "not measured",
          "Not measured: " + unavailable + " (the limit needs the real responses' bytes).");
      return report;
    }
    Http http = ctx.http();
    HttpClient ingest = http.client(ctx.stack().host(), ctx.stack().ingestPort(), 16);
    HttpClient timeline =
        http.client(ctx.stack().host(), ctx.stack().timelinePort(), s.feedConcurrency() + 4);
    String token = ctx.stack().token("editor");
    Api.Opened opened =
        Api.openStoryAndWait(ingest, token, "Bench: feed reads", Api.slug("bench-feed"));
    String story = opened.storyId();
    report.json().put("storyId", story);
    Random random = new Random(5);
    long version = opened.version();
    for (int i = 0; i < s.feedUpdates(); i += 8) {
      ctx.progress().update(0.05 * i / s.feedUpdates(), "posting " + s.feedUpdates() + " updates");
      List<Future<Http.Reply>> batch = new ArrayList<>();
      for (int k = i; k < Math.min(s.feedUpdates(), i + 8); k++) {
        batch.add(
            Api.postUpdate(
                ingest,
                token,
                story,
                Api.updateRequest(
                        "Feed update " + k + ": " + Payloads.words(random, 50),
                        Payloads.htmlBody(random, 700))
                    .toString(),
                30_000));
      }
      for (Future<Http.Reply> f : batch) {
        Http.Reply r = Http.await(f, 60_000);
        if (r.status() == 201 || r.status() == 200) {
          version = Math.max(version, Api.version(r));
        }
      }
    }
    Http.Reply header =
        Api.awaitProjected(timeline, story, version, System.nanoTime() + 60_000_000_000L);
    if (header == null || header.status() != 200) {
      report.degrade(
          "not measured",
          "The story was not projected in time (last answer "
              + (header == null ? "none" : header.status())
              + ").");
      return report;
    }
    String pageUri = "/api/v1/stories/" + story + "/updates?limit=" + PAGE;
    String headerUri = "/api/v1/stories/" + story;
    Http.Reply page =
        Http.await(Api.get(timeline, pageUri, Map.of("Accept", "application/json")), 30_000);
    header = Http.await(Api.get(timeline, headerUri, Map.of("Accept", "application/json")), 30_000);
    String pageEtag = page.header("ETag");
    String headerEtag = header.header("ETag");
    ObjectNode resp = report.json().putObject("responses");
    resp.put("pageBytes", page.body() == null ? 0 : page.body().length());
    resp.put("headerBytes", header.body() == null ? 0 : header.body().length());
    resp.put("pageEtag", pageEtag);
    resp.put("cacheControl", page.header("Cache-Control"));
    resp.put("vary", page.header("Vary"));
    if (pageEtag == null || headerEtag == null) {
      report.note("The timeline sent no ETag; the If-None-Match variants measure full answers.");
    }

    List<Variant> variants = new ArrayList<>();
    int step = 0;
    variants.add(
        measure(ctx, http, timeline, "feed page", pageUri, null, 200, "constant page", ++step));
    variants.add(
        measure(
            ctx,
            http,
            timeline,
            "feed page, If-None-Match",
            pageUri,
            pageEtag,
            304,
            "constant 304",
            ++step));
    variants.add(
        measure(ctx, http, timeline, "header", headerUri, null, 200, "constant header", ++step));
    variants.add(
        measure(
            ctx,
            http,
            timeline,
            "header, If-None-Match",
            headerUri,
            headerEtag,
            304,
            "constant 304",
            ++step));
    ingest.close();
    timeline.close();

    // The limit: the same bytes from a constant server in its own JVM.
    Map<String, ClosedLoop.Outcome> limits = new LinkedHashMap<>();
    Process server = null;
    try {
      Files.createDirectories(ctx.tmpDir());
      Path pageFile = ctx.tmpDir().resolve("feed-page.json");
      Path headerFile = ctx.tmpDir().resolve("feed-header.json");
      Files.write(pageFile, page.body() == null ? new byte[0] : page.body().getBytes());
      Files.write(headerFile, header.body() == null ? new byte[0] : header.body().getBytes());
      String etag = pageEtag == null ? "\"bench\"" : pageEtag;
      int port = freePort();
      server = startConstantServer(port, pageFile, headerFile, etag);
      Map<String, Long> withServer = new LinkedHashMap<>(ctx.stack().pids());
      withServer.put("constant server", server.pid());
      meter = new CpuMeter(withServer);
      HttpClient constant = http.client("127.0.0.1", port, s.feedConcurrency() + 4);
      limits.put(
          "constant page",
          measure(ctx, http, constant, "limit: constant page", "/page", null, 200, null, ++step)
              .outcome());
      limits.put(
          "constant header",
          measure(ctx, http, constant, "limit: constant header", "/header", null, 200, null, ++step)
              .outcome());
      limits.put(
          "constant 304",
          measure(ctx, http, constant, "limit: constant 304", "/page", etag, 304, null, ++step)
              .outcome());
      constant.close();
    } catch (Exception e) {
      report.degrade("partial", "Constant-response limit not measured: " + e);
    } finally {
      stop(server);
    }

    List<List<String>> rows = new ArrayList<>();
    var vj = report.json().putArray("variants");
    List<SvgChart.Line> lines = new ArrayList<>();
    for (Variant v : variants) {
      ClosedLoop.Outcome o = v.outcome();
      LatencySummary l = LatencySummary.of(o.latencies().total());
      ClosedLoop.Outcome limit = limits.get(v.limitName());
      LatencySummary ll =
          limit == null ? LatencySummary.EMPTY : LatencySummary.of(limit.latencies().total());
      rows.add(
          List.of(
              v.name(),
              Format.number(o.acceptedRate()),
              Format.ms(l.p50Ms()),
              Format.ms(l.p99Ms()),
              limit == null
                  ? "n/a"
                  : v.limitName()
                      + ": "
                      + Format.number(limit.acceptedRate())
                      + "/s, p99 "
                      + Format.ms(ll.p99Ms()),
              limit == null ? "n/a" : Format.ratio(o.acceptedRate(), limit.acceptedRate()),
              limit == null ? "n/a" : Format.ratio(l.p99Ms(), ll.p99Ms())));
      ObjectNode j = vj.addObject();
      j.put("name", v.name());
      j.put("expectedStatus", v.expectedStatus());
      j.put("requestsPerSecond", LatencySummary.round(o.acceptedRate(), 1));
      j.put("completed", o.completed());
      ObjectNode st = j.putObject("statuses");
      o.statuses().forEach((k, c) -> st.put(Integer.toString(k), c));
      j.set("latency", l.toJson());
      j.put("limit", v.limitName());
      lines.add(new SvgChart.Line(v.name(), l.cdf()));
      if (o.accepted() < o.completed()) {
        report.note(
            v.name()
                + ": "
                + (o.completed() - o.accepted())
                + " answers were not the expected "
                + v.expectedStatus()
                + " "
                + o.statuses());
      }
    }
    var lj = report.json().putObject("limits");
    for (Map.Entry<String, ClosedLoop.Outcome> e : limits.entrySet()) {
      LatencySummary l = LatencySummary.of(e.getValue().latencies().total());
      ObjectNode j = lj.putObject(e.getKey());
      j.put("requestsPerSecond", LatencySummary.round(e.getValue().acceptedRate(), 1));
      j.set("latency", l.toJson());
      lines.add(new SvgChart.Line("limit: " + e.getKey(), l.cdf(), true));
    }
    report.table(
        new ScenarioReport.Table(
            "Requests per second and latency, beside the constant-response limit",
            List.of("request", "req/s", "p50", "p99", "limit", "ratio req/s", "ratio p99"),
            rows));
    report.chart(
        new ScenarioReport.Chart(
            "feed-reads-latency.svg",
            "Feed-read latency by percentile, with the constant-response limits (dashed)",
            SvgChart.percentiles(
                "Feed reads: latency under " + s.feedConcurrency() + " concurrent readers",
                lines)));
    for (Variant v : variants) {
      ClosedLoop.Outcome limit = limits.get(v.limitName());
      String key = v.name().replace(", If-None-Match", ".304").replace("feed page", "page");
      report.figure(
          new ScenarioReport.Figure(
              key + ".requestsPerSecond",
              v.name() + ": requests/s",
              v.outcome().acceptedRate(),
              "req/s",
              limit == null ? Double.NaN : limit.acceptedRate(),
              v.limitName(),
              ScenarioReport.Better.HIGHER));
      report.figure(
          ScenarioReport.Figure.of(
              key + ".p99Ms",
              v.name() + ": p99",
              LatencySummary.of(v.outcome().latencies().total()).p99Ms(),
              "ms",
              ScenarioReport.Better.LOWER));
      double pg =
          report.phases().stream()
              .filter(p -> p.name().equals(v.name()))
              .mapToDouble(
                  p -> p.cpu().path("componentCores").path("postgres").asDouble(Double.NaN))
              .findFirst()
              .orElse(Double.NaN);
      report.figure(
          ScenarioReport.Figure.of(
              key + ".postgresCores",
              v.name() + ": PostgreSQL CPU",
              pg,
              "cores",
              ScenarioReport.Better.LOWER));
    }
    Variant cachedHeader = variants.get(3);
    ClosedLoop.Outcome constantPage = limits.get("constant page");
    Variant cached = variants.get(1);
    ClosedLoop.Outcome c304 = limits.get("constant 304");
    report.target(
        new ScenarioReport.Target(
            "cached feed reads (If-None-Match → 304) vs the constant-response limit",
            "≥ 0.50",
            c304 == null
                ? "limit not measured"
                : Format.ratio(cached.outcome().acceptedRate(), c304.acceptedRate())
                    + " ("
                    + Format.number(cached.outcome().acceptedRate())
                    + " of "
                    + Format.number(c304.acceptedRate())
                    + " req/s)",
            c304 == null ? null : cached.outcome().acceptedRate() >= 0.5 * c304.acceptedRate()));
    report.target(
        new ScenarioReport.Target(
            "cached header reads (If-None-Match → 304) vs the constant-response limit",
            "≥ 0.50",
            c304 == null
                ? "limit not measured"
                : Format.ratio(cachedHeader.outcome().acceptedRate(), c304.acceptedRate()),
            c304 == null
                ? null
                : cachedHeader.outcome().acceptedRate() >= 0.5 * c304.acceptedRate()));
    report.target(
        new ScenarioReport.Target(
            "unconditional first feed page vs the constant page limit",
            "≥ 0.25 (aim 0.5)",
            constantPage == null
                ? "limit not measured"
                : Format.ratio(
                    variants.get(0).outcome().acceptedRate(), constantPage.acceptedRate()),
            constantPage == null
                ? null
                : variants.get(0).outcome().acceptedRate() >= 0.25 * constantPage.acceptedRate()));
    double pg304 =
        report.phases().stream()
            .filter(p -> p.name().equals(cached.name()))
            .mapToDouble(p -> p.cpu().path("componentCores").path("postgres").asDouble(Double.NaN))
            .findFirst()
            .orElse(Double.NaN);
    report.target(
        new ScenarioReport.Target(
            "PostgreSQL CPU while the feed page answers 304s",
            "≤ 0.05 cores (aim 0)",
            Double.isNaN(pg304) ? "not measured" : Format.number(pg304) + " cores",
            Double.isNaN(pg304) ? null : pg304 <= 0.05));
    return report;
  }

  private Variant measure(
      BenchContext ctx,
      Http http,
      HttpClient client,
      String name,
      String uri,
      String etag,
      int expected,
      String limitName,
      int step) {
    Settings s = ctx.settings();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (etag != null) {
      headers.put("If-None-Match", etag);
    }
    long warm = s.feedWarmup().toMillis();
    long window = s.feedWindow().toMillis();
    long start = System.nanoTime();
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                ctx.progress()
                    .update(
                        0.05
                            + 0.95
                                * (step
                                    - 1
                                    + Math.min(
                                        1, (System.nanoTime() - start) / 1e6 / (warm + window)))
                                / 7,
                        String.format(
                            Locale.ROOT,
                            "%s  %ds/%ds",
                            name,
                            (System.nanoTime() - start) / 1_000_000_000L,
                            (warm + window) / 1000));
                if (!BenchContext.sleep(500)) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    CpuMeter.Snapshot before = meter.snapshot();
    ClosedLoop.Outcome o =
        ClosedLoop.run(
            http.vertx(),
            s.feedConcurrency(),
            warm,
            window,
            i -> Http.send(client, io.vertx.core.http.HttpMethod.GET, uri, headers, null, 30_000),
            r -> r.status() == expected,
            null);
    t.interrupt();
    current.phase(name, CpuMeter.between(before, meter.snapshot()));
    return new Variant(name, limitName, o, expected);
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts the constant server in its own JVM, like a service; waits for READY. */
  static Process startConstantServer(int port, Path page, Path header, String etag)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ConstantServer.class.getName(),
                Integer.toString(port),
                page.toString(),
                header.toString(),
                etag));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // drains its output (a full pipe would block it)
    Thread reader =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // READY, or nothing
                }
              } catch (java.io.IOException e) {
                // ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
        return p;
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    stop(p);
    throw new IllegalStateException("the constant server did not start");
  }

  static void stop(Process p) {
    if (p == null) {
      return;
    }
    try {
      OutputStream in = p.getOutputStream();
      in.close(); // it stops when its standard input closes
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    } catch (Exception e) {
      p.destroyForcibly();
    }
  }
}
