package news.ticker.bench.scenario;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import news.ticker.bench.BenchContext;
import news.ticker.bench.http.ClosedLoop;
import news.ticker.bench.http.Http;
import news.ticker.bench.http.SseReaders;
import news.ticker.bench.kafka.Payloads;

/**
 * Unmeasured traffic before the scenarios: a freshly started service runs interpreted code for a
 * while, and the first scenario would pay for its JIT. Posts to a few stories, reads their feeds
 * and headers, and keeps a few SSE readers on one of them.
 */
public final class WarmUp {

  private WarmUp() {}

  /** Runs for the settings' warm-up time; answers what it did, or why it did nothing. */
  public static String run(BenchContext ctx) {
    long millis = ctx.settings().stackWarmup().toMillis();
    if (millis <= 0) {
      return "skipped";
    }
    String unavailable = PublishToScreen.unavailable(ctx);
    if (unavailable != null) {
      return "skipped: " + unavailable;
    }
    Http http = ctx.http();
    HttpClient ingest = http.client(ctx.stack().host(), ctx.stack().ingestPort(), 16);
    HttpClient timeline = http.client(ctx.stack().host(), ctx.stack().timelinePort(), 16);
    String token = ctx.stack().token("editor");
    List<String> stories = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Api.Opened o =
          Api.openStoryAndWait(ingest, token, "Bench: warm-up " + i, Api.slug("bench-warm"));
      stories.add(o.storyId());
      Api.awaitProjected(timeline, o.storyId(), o.version(), System.nanoTime() + 30_000_000_000L);
    }
    SseReaders readers =
        new SseReaders(
            http,
            ctx.stack().host(),
            ctx.stack().timelinePort(),
            "/api/v1/stories/" + stories.get(0) + "/stream",
            16,
            8,
            false,
            (reader, event, id, bytes, data, nanos) -> {});
    Http.await(readers.connectAll(16), 30_000);
    Random random = new Random(3);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bodies.add(Api.updateRequest("Warm-up " + i, Payloads.htmlBody(random, 600)).toString());
    }
    long start = System.nanoTime();
    Thread ticker =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                double f = (System.nanoTime() - start) / 1e6 / millis;
                ctx.progress().update(Math.min(1, f), "warming the services up (unmeasured)");
                if (!BenchContext.sleep(500)) {
                  return;
                }
              }
            });
    ticker.setDaemon(true);
    ticker.start();
    ClosedLoop.Outcome o =
        ClosedLoop.run(
            http.vertx(),
            12,
            0,
            millis,
            client -> {
              String story = stories.get(ThreadLocalRandom.current().nextInt(stories.size()));
              Future<Http.Reply> f =
                  switch (client % 3) {
                    case 0 ->
                        Api.postUpdate(
                            ingest,
                            token,
                            story,
                            bodies.get(ThreadLocalRandom.current().nextInt(bodies.size())),
                            30_000);
                    case 1 ->
                        Api.get(
                            timeline, "/api/v1/stories/" + story + "/updates?limit=20", Map.of());
                    default -> Api.get(timeline, "/api/v1/stories/" + story, Map.of());
                  };
              return f;
            },
            r -> r.status() >= 200 && r.status() < 400,
            null);
    ticker.interrupt();
    try {
      Http.await(readers.close(), 10_000);
    } catch (IllegalStateException e) {
      // closing anyway
    }
    ingest.close();
    timeline.close();
    return o.completed()
        + " requests in "
        + (millis / 1000)
        + " s, "
        + readers.frames()
        + " SSE frames";
  }
}
