package news.ticker.bench.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import news.ticker.bench.BenchContext;

/**
 * The bench's handle on a running {@link ConstantSseServer} (the SSE fan-out limit) in its own JVM.
 * Readers connect to it exactly as to the timeline ({@code new SseReaders(http, HOST, port(),
 * STREAM, …)}), a writer posts to {@link #publish()} on the cell's schedule, and each reply's id
 * ({@link #id}) is the version whose frame the readers then receive: writer → server → N readers,
 * with no Ticker in between, on the same clock as publish-to-screen.
 */
public final class ConstantSse implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String STREAM = "/stream";
  public static final String PUBLISH = "/publish";

  /** Connections of the handle's own publishing client. */
  static final int PUBLISH_CONNECTIONS = 64;

  private final ServerProcess server;
  private final HttpClient client;

  private ConstantSse(ServerProcess server, HttpClient client) {
    this.server = server;
    this.client = client;
  }

  /**
   * Starts the server in a JVM of its own with the timeline's heap and GC (its {@code
   * src/main/docker/jvm.options}, as {@code ./ticker up} starts the timeline).
   *
   * @param dataBytes the size of each frame's {@code data:} field (as {@link SseReaders} reports a
   *     frame's {@code dataBytes}): pass the timeline's mean frame size to send the same bytes
   */
  private static List<String> timelineJvmOptions() throws java.io.IOException {
    java.nio.file.Path options =
        java.nio.file.Path.of(System.getProperty("ticker.root", ""))
            .resolve("timeline-service/src/main/docker/jvm.options");
    if (!java.nio.file.Files.isRegularFile(options)) {
      return List.of("-Xmx512m");
    }
    return List.of(java.nio.file.Files.readString(options).trim().split("\\s+"));
  }

  public static ConstantSse start(BenchContext ctx, int dataBytes) throws Exception {
    ServerProcess server =
        ServerProcess.start(
            ConstantSseServer.class,
            timelineJvmOptions(),
            List.of(Integer.toString(Math.max(1, dataBytes))),
            30);
    return new ConstantSse(server, ctx.http().client(HOST, server.port(), PUBLISH_CONNECTIONS));
  }

  public int port() {
    return server.port();
  }

  /** The server's process id, for a {@code CpuMeter} of the limit's phase. */
  public long pid() {
    return server.pid();
  }

  /** Publishes one frame; the reply is 201 with the frame's id as ETag. Never fails (status -1). */
  public Future<Http.Reply> publish() {
    return publish(client, 30_000);
  }

  /** The same with a client of the caller's. */
  public static Future<Http.Reply> publish(HttpClient client, long timeoutMillis) {
    return Http.send(client, HttpMethod.POST, PUBLISH, Map.of(), null, timeoutMillis);
  }

  /** The id of the frame a publish reply announced, or -1. */
  public static long id(Http.Reply reply) {
    String etag = reply.header("ETag");
    if (reply.status() != 201 || etag == null) {
      return -1;
    }
    try {
      return Long.parseLong(etag.replace("\"", "").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The id of the last frame published (the base of the next cell's ids). */
  public long lastId() {
    Http.Reply r =
        Http.await(Http.send(client, HttpMethod.GET, "/version", Map.of(), null, 10_000), 15_000);
    if (r.status() != 200) {
      throw new IllegalStateException("the constant SSE server answered " + r.status());
    }
    String t = r.text();
    return Long.parseLong(t.substring(t.indexOf(':') + 1, t.lastIndexOf('}')).trim());
  }

  @Override
  public void close() {
    try {
      Http.await(client.close(), 10_000);
    } catch (IllegalStateException e) {
      // closing anyway
    }
    server.close();
  }
}
