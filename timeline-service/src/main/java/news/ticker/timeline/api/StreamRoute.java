package news.ticker.timeline.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.platform.http.Params;
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
  @Inject MeterRegistry registry;

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  void register(@Observes Router router) {
    router.get(PATH).handler(this::handle);
    registry.gauge("ticker.timeline.stream.unsent.bytes", this, StreamRoute::unsentBytes);
    registry.gauge("ticker.timeline.stream.queued.frames", this, StreamRoute::queuedFrames);
  }

  /**
   * Bytes written to this replica's SSE sockets and not yet sent: what slow readers hold in the
   * sockets' buffers (direct memory for whatever is not a shared frame).
   */
  public long unsentBytes() {
    return open.stream().mapToLong(Connection::unsentBytes).sum();
  }

  /** Frames waiting in the connections' own queues for a socket to take them. */
  public long queuedFrames() {
    return open.stream().mapToLong(Connection::queuedFrames).sum();
  }

  private void handle(RoutingContext routing) {
    Context context = Vertx.currentContext();
    HttpServerRequest request = routing.request();
    UUID storyId;
    Long resumeAfter;
    boolean keyEventsOnly;
    try {
      String since = request.getParam("since");
      ReadPositions.notCombined(since, request.getParam("before"), request.getParam("asOf"));
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
    // Once the socket holds this many bytes unsent, further frames wait in the connection's own
    // queue (see Connection), which closes the connection when full.
    response.setWriteQueueMaxSize(Connection.SOCKET_BYTES);
    Channel channel = ((ConnectionBase) routing.request().connection()).channel();
    Connection connection =
        new Connection(context, response, channel, Math.max(1, config.stream().maxQueuedFrames()));
    open.add(connection);
    Runnable close = streams.open(connection, storyId, resumeAfter, keyEvents, slot);
    Runnable end =
        () -> {
          open.remove(connection);
          close.run();
        };
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
   * <p>What a session hands over at once (a batch of frames) is written at once: one write and one
   * flush, not one per frame, which at 1,000 readers and 100 updates a second was most of the
   * service's CPU. A write holds at most {@link #WRITE_BYTES}, and the socket at most {@link
   * #SOCKET_BYTES} unsent: a reader whose socket does not take its frames has them wait in this
   * queue, which holds only references to frames that every reader shares (live frames are direct
   * memory that the socket writes without a copy; see {@code ChangeFrame.shared}). Past {@code
   * maxQueued} frames its connection is reset, and it resumes with {@code Last-Event-ID}, losing
   * nothing. So a slow reader costs a bounded amount of memory: with the socket's limit at 1 MiB
   * per reader, as it was, 10,000 slow readers could hold 10 GiB of copies.
   */
  private static final class Connection implements SseConnection {
    /** Unsent bytes the socket may hold before frames wait in the queue. */
    static final int SOCKET_BYTES = 64 * 1024;

    /** The most one write gathers from the queue. */
    static final int WRITE_BYTES = 16 * 1024;

    private final Context context;
    private final EventLoop loop;
    private final HttpServerResponse response;
    private final Channel channel;
    private final int maxQueued;
    private final Queue<Buffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile boolean aborted;

    Connection(Context context, HttpServerResponse response, Channel channel, int maxQueued) {
      this.context = context;
      this.loop = ((ContextInternal) context).nettyEventLoop();
      this.response = response;
      this.channel = channel;
      this.maxQueued = maxQueued;
    }

    long unsentBytes() {
      ChannelOutboundBuffer unsent = channel.unsafe().outboundBuffer();
      return unsent == null ? 0 : unsent.totalPendingWriteBytes();
    }

    long queuedFrames() {
      return aborted ? 0 : Math.max(0, queued.get());
    }

    @Override
    public void send(Buffer bytes) {
      send(List.of(bytes));
    }

    @Override
    public void send(List<Buffer> pieces) {
      if (aborted || pieces.isEmpty()) {
        return;
      }
      if (queued.addAndGet(pieces.size()) > maxQueued) {
        LOG.debugf("SSE client too slow; closing its connection so that it resumes");
        abort();
        return;
      }
      queue.addAll(pieces);
      if (loop.inEventLoop()) {
        // On the connection's loop: write now, no task. Whatever was queued before (from another
        // thread) is written first, since writes only happen here, in queue order.
        flush();
      } else if (flushScheduled.compareAndSet(false, true)) {
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
      while (!response.writeQueueFull()) {
        Buffer first = queue.poll();
        if (first == null) {
          return;
        }
        int taken = 1;
        int bytes = first.length();
        List<ByteBuf> parts = null;
        Buffer next;
        // Only this loop takes from the queue, so what peek sees is what poll takes.
        while (bytes < WRITE_BYTES && (next = queue.peek()) != null) {
          queue.poll();
          if (parts == null) {
            parts = new ArrayList<>();
            parts.add(first.getByteBuf());
          }
          parts.add(next.getByteBuf());
          bytes += next.length();
          taken++;
        }
        queued.addAndGet(-taken);
        // One write of many frames, without copying them: a composite over the shared frames
        // (direct when they all are, so the socket gathers them as they are).
        response.write(
            parts == null
                ? first
                : Buffer.buffer(Unpooled.wrappedBuffer(parts.toArray(ByteBuf[]::new))));
      }
      response.drainHandler(ignored -> flush());
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
