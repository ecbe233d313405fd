package news.ticker.bench.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SSE fan-out limit: a bare Vert.x HTTP server (one verticle per event loop, as Quarkus deploys
 * the timeline) in a JVM of its own, which does nothing but fan frames out. {@code GET /stream}
 * answers like the timeline's stream (same headers, the opening comment with {@code retry:}, a
 * heartbeat comment every 15 s, then {@code id:}/{@code event:}/{@code data:} frames); {@code POST
 * /publish} encodes one constant frame with the next id once and hands it to every event loop, one
 * task per event loop per frame, which writes the same bytes to each of its readers. It answers
 * {@code 201} with the id as {@code ETag} (as ingest answers a write with the story's version) once
 * the frame is handed over. {@code GET /version} answers the last id. No per-client limit, no
 * per-reader queue, no resume: only what any fan-out costs on this machine.
 *
 * <p>{@code java -cp … news.ticker.bench.http.ConstantSseServer PORT DATA_BYTES}; prints {@code
 * READY} when it listens and stops when its standard input closes.
 */
public final class ConstantSseServer extends AbstractVerticle {

  /** The timeline's {@code ticker.timeline.stream.heartbeat} default. */
  static final long HEARTBEAT_MILLIS = 15_000;

  /** The timeline's {@code ticker.timeline.stream.reconnect-delay} default. */
  static final long RETRY_MILLIS = 2_000;

  static final String EVENT = "update-posted";

  static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

  /** What every event loop of the server shares: the ids and the event loops themselves. */
  static final class Hub {
    private final AtomicLong lastId = new AtomicLong();
    private final List<ConstantSseServer> loops = new CopyOnWriteArrayList<>();
    private final String data;

    Hub(String data) {
      this.data = data;
    }

    /** Takes the next id and hands its frame to every event loop; returns the id. */
    long publish() {
      long id = lastId.incrementAndGet();
      Buffer frame = Buffer.buffer(frame(id, EVENT, data));
      for (ConstantSseServer loop : loops) {
        loop.context.runOnContext(v -> loop.writeAll(frame));
      }
      return id;
    }

    long lastId() {
      return lastId.get();
    }
  }

  private final int port;
  private final Hub hub;
  // touched on this verticle's event loop only
  private final List<HttpServerResponse> readers = new ArrayList<>();

  ConstantSseServer(int port, Hub hub) {
    this.port = port;
    this.hub = hub;
  }

  @Override
  public void start(Promise<Void> started) {
    hub.loops.add(this);
    vertx.setPeriodic(HEARTBEAT_MILLIS, t -> writeAll(Buffer.buffer(HEARTBEAT)));
    vertx
        .createHttpServer(
            new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(this::handle)
        .listen()
        .<Void>mapEmpty()
        .onComplete(started);
  }

  private void handle(HttpServerRequest req) {
    switch (req.method().name() + " " + req.path()) {
      case "GET /stream" -> stream(req.response());
      case "POST /publish" ->
          req.body()
              .onComplete(
                  ignored -> {
                    long id = hub.publish();
                    req.response()
                        .setStatusCode(201)
                        .putHeader("ETag", "\"" + id + "\"")
                        .putHeader("Content-Type", "application/json")
                        .end("{\"version\":" + id + "}");
                  });
      case "GET /version" ->
          req.response()
              .putHeader("Content-Type", "application/json")
              .end("{\"version\":" + hub.lastId() + "}");
      default -> req.response().setStatusCode(404).end();
    }
  }

  private void stream(HttpServerResponse response) {
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream;charset=UTF-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    readers.add(response);
    response.closeHandler(v -> readers.remove(response));
    response.exceptionHandler(t -> readers.remove(response));
    response.write(Buffer.buffer(opening()));
  }

  /** On this event loop: the same bytes to each of its readers. */
  private void writeAll(Buffer bytes) {
    for (int i = 0; i < readers.size(); i++) {
      HttpServerResponse r = readers.get(i);
      if (!r.closed()) {
        r.write(bytes);
      }
    }
  }

  /** The comment that opens a stream, with the reconnect hint (as the timeline sends it). */
  static byte[] opening() {
    return (": constant\nretry: " + RETRY_MILLIS + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One SSE event, as the timeline encodes a change: {@code id:}, {@code event:}, one data line.
   */
  static byte[] frame(long id, String event, String data) {
    if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("SSE data must be one line");
    }
    return ("id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A constant single-line JSON object of exactly {@code bytes} bytes (at least the 12 of its
   * shortest form), as the data of every frame.
   */
  static String data(int bytes) {
    String head = "{\"pad\":\"";
    String tail = "\"}";
    int fill = Math.max(2, bytes - head.length() - tail.length());
    return head + "x".repeat(fill) + tail;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int dataBytes = Integer.parseInt(args[1]);
    int loops = 2 * Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    Hub hub = new Hub(data(dataBytes));
    vertx
        .deployVerticle(
            () -> new ConstantSseServer(port, hub), new DeploymentOptions().setInstances(loops))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    System.out.println("READY");
    System.out.flush();
    // Stops with its parent: the bench closes our standard input when it is done (or dies).
    while (System.in.read() >= 0) {
      // ignore input
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
    System.exit(0);
  }
}
