package news.ticker.timeline.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import news.ticker.platform.problem.Problem;
import news.ticker.platform.problem.ProblemException;
import news.ticker.timeline.Json;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.rebuild.Generations;
import news.ticker.timeline.stream.SseConnection;
import news.ticker.timeline.stream.StreamService;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/stories/{storyId}/stream}: a story's changes as Server-Sent Events.
 *
 * <p>A Vert.x route rather than a REST resource method, because the REST layer formats every SSE
 * event for every connection (a writer lookup, a string build and an encoding per frame and
 * reader), which was half of the service's CPU with 1,000 readers of a busy story. Here a frame is
 * encoded once and the same bytes are written to every connection. The route is described in {@code
 * META-INF/openapi.yaml}; its errors are the same problem+json as everywhere else.
 */
@ApplicationScoped
public class StreamRoute {

  static final String PATH = "/api/v1/stories/:storyId/stream";

  private static final Logger LOG = Logger.getLogger(StreamRoute.class);

  @Inject StreamService streams;
  @Inject Generations generations;
  @Inject TimelineConfig config;
  @Inject Pool pool;

  void register(@Observes Router router) {
    router.get(PATH).handler(this::handle);
  }

  private void handle(RoutingContext routing) {
    Context context = Vertx.currentContext();
    HttpServerRequest request = routing.request();
    UUID storyId;
    Long resumeAfter;
    boolean keyEventsOnly;
    try {
      String since = request.getParam("since");
      Params.notCombined(since, request.getParam("before"), request.getParam("asOf"));
      if (request.getParam("before") != null) {
        throw ProblemException.invalidParameter("before", "is not a parameter of /stream");
      }
      if (request.getParam("asOf") != null) {
        throw ProblemException.invalidParameter("asOf", "is not a parameter of /stream");
      }
      storyId = Params.uuid("storyId", routing.pathParam("storyId"));
      String only = request.getParam("only");
      if (only != null && !only.equals("key-events")) {
        throw ProblemException.invalidParameter("only", "must be key-events");
      }
      keyEventsOnly = only != null;
      // Last-Event-ID wins: a browser reconnects with the original URL (and its since) plus it.
      String lastEventId = request.getHeader("Last-Event-ID");
      resumeAfter =
          lastEventId != null && !lastEventId.isBlank()
              ? Params.version("Last-Event-ID", lastEventId)
              : Params.version("since", since);
    } catch (ProblemException e) {
      problem(routing, e);
      return;
    }
    pool.preparedQuery("select 1 from story_view where generation = $1 and story_id = $2")
        .execute(Tuple.of(generations.active(), storyId))
        .subscribe()
        .with(
            rows -> {
              if (rows.size() == 0) {
                problem(routing, ProblemException.notFound("story", storyId));
              } else {
                start(routing, context, storyId, resumeAfter, keyEventsOnly);
              }
            },
            failure -> {
              LOG.warnf("cannot open a stream of story %s: %s", storyId, failure.toString());
              problem(routing, ProblemException.unavailable("the read model cannot be reached", 2));
            });
  }

  private void start(
      RoutingContext routing, Context context, UUID storyId, Long resumeAfter, boolean keyEvents) {
    HttpServerResponse response = routing.response();
    if (response.closed() || response.ended()) {
      return;
    }
    StreamService.Slot slot;
    try {
      // The last check that can still answer with a status: 429.
      slot = streams.claim(routing.request().remoteAddress().hostAddress());
    } catch (ProblemException e) {
      problem(routing, e);
      return;
    }
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream;charset=UTF-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    // About 1 KiB per queued frame: more than that many frames waiting for a slow client ends its
    // connection (it resumes with Last-Event-ID).
    response.setWriteQueueMaxSize(Math.max(1, config.stream().maxQueuedFrames()) * 1024);
    Connection connection = new Connection(context, response);
    Runnable end = streams.open(connection, storyId, resumeAfter, keyEvents, slot);
    response.closeHandler(ignored -> end.run());
    response.exceptionHandler(ignored -> end.run());
    response.endHandler(ignored -> end.run());
    if (response.closed()) {
      end.run();
    }
  }

  /**
   * Writes on the connection's own event loop, in call order: a session sends from whichever thread
   * delivered its data, and a direct write from the event loop could overtake one queued from
   * another thread.
   */
  private static final class Connection implements SseConnection {
    private final Context context;
    private final HttpServerResponse response;

    Connection(Context context, HttpServerResponse response) {
      this.context = context;
      this.response = response;
    }

    @Override
    public void send(Buffer bytes) {
      context.runOnContext(
          ignored -> {
            if (response.closed() || response.ended()) {
              return;
            }
            response.write(bytes);
            if (response.writeQueueFull()) {
              LOG.debugf("SSE client too slow; closing its connection so that it resumes");
              response.reset();
            }
          });
    }

    @Override
    public void abort() {
      context.runOnContext(
          ignored -> {
            if (!response.closed() && !response.ended()) {
              response.reset();
            }
          });
    }
  }

  private static void problem(RoutingContext routing, ProblemException e) {
    HttpServerResponse response = routing.response();
    if (response.ended() || response.closed() || response.headWritten()) {
      return;
    }
    Problem problem = e.toProblem(routing.request().path());
    response.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    e.headers().forEach(response::putHeader);
    response.end(Buffer.buffer(Json.bytes(problem)));
  }
}
