package news.ticker.timeline.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.platform.problem.Problem;
import news.ticker.platform.problem.ProblemException;
import news.ticker.timeline.Json;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.readmodel.Generations;
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
    // About 1 KiB per frame: once the socket holds that many frames' bytes unsent, further frames
    // wait in the connection's own queue (see Connection), which closes the connection when full.
    response.setWriteQueueMaxSize(Math.max(1, config.stream().maxQueuedFrames()) * 1024);
    Connection connection =
        new Connection(context, response, Math.max(1, config.stream().maxQueuedFrames()));
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
   *
   * <p>Frames wait in the connection's own queue, and one task per connection (not one per frame)
   * writes everything queued as a single buffer: with 10,000 readers at 100 updates a second, a
   * task per frame piled up millions of tasks on the event loops until the heap ran out. A reader
   * whose socket does not take its frames (its write queue is full) has them wait here; past {@code
   * maxQueued} frames its connection is reset, and it resumes with {@code Last-Event-ID}, losing
   * nothing. A connection holds only references to frames that every reader shares.
   */
  private static final class Connection implements SseConnection {
    private final Context context;
    private final EventLoop loop;
    private final HttpServerResponse response;
    private final int maxQueued;
    private final Queue<Buffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile boolean aborted;

    Connection(Context context, HttpServerResponse response, int maxQueued) {
      this.context = context;
      this.loop = ((ContextInternal) context).nettyEventLoop();
      this.response = response;
      this.maxQueued = maxQueued;
    }

    @Override
    public void send(Buffer bytes) {
      if (aborted) {
        return;
      }
      if (loop.inEventLoop() && queue.isEmpty() && !flushScheduled.get()) {
        // On the connection's loop with nothing queued before it: write now, no task. (A
        // session's sends are serialised, so nothing can be queued between this check and the
        // write.)
        if (!response.closed() && !response.ended() && !response.writeQueueFull()) {
          response.write(bytes);
          return;
        }
      }
      if (queued.incrementAndGet() > maxQueued) {
        LOG.debugf("SSE client too slow; closing its connection so that it resumes");
        abort();
        return;
      }
      queue.add(bytes);
      if (flushScheduled.compareAndSet(false, true)) {
        context.runOnContext(ignored -> flush());
      }
    }

    /** On the event loop: writes what is queued, or waits for the socket to drain. */
    private void flush() {
      flushScheduled.set(false);
      if (aborted || response.closed() || response.ended()) {
        queue.clear();
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(ignored -> flush());
        return;
      }
      Buffer first = queue.poll();
      if (first == null) {
        return;
      }
      Buffer next = queue.poll();
      if (next == null) {
        queued.decrementAndGet();
        response.write(first);
        return;
      }
      // One write of many frames, without copying them: the frames' bytes are shared by all
      // readers, and a copy per reader would cost memory in proportion to the readers.
      List<ByteBuf> frames = new ArrayList<>();
      frames.add(first.getByteBuf());
      for (; next != null; next = queue.poll()) {
        frames.add(next.getByteBuf());
      }
      queued.addAndGet(-frames.size());
      response.write(Buffer.buffer(Unpooled.wrappedBuffer(frames.toArray(ByteBuf[]::new))));
    }

    @Override
    public Executor loop() {
      return loop;
    }

    @Override
    public void abort() {
      aborted = true;
      context.runOnContext(
          ignored -> {
            queue.clear();
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
