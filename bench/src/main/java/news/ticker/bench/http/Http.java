package news.ticker.bench.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one non-blocking HTTP stack of the client: a Vert.x instance with few event loops (the client
 * shares the machine with the stack it measures) and helpers to send a request and read a reply.
 */
public final class Http implements AutoCloseable {

  /** A finished exchange. */
  public record Reply(int status, MultiMap headers, Buffer body, long startNanos, long endNanos) {
    public long latencyNanos() {
      return endNanos - startNanos;
    }

    public String header(String name) {
      return headers.get(name);
    }

    public String text() {
      return body == null ? "" : body.toString();
    }
  }

  private final Vertx vertx;

  public Http(int eventLoops) {
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setBlockedThreadCheckInterval(10_000)
                .setMaxEventLoopExecuteTime(5)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A keep-alive client for one host and port with up to {@code connections} connections. */
  public HttpClient client(String host, int port, int connections) {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setDefaultHost(host)
            .setDefaultPort(port)
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout(10_000)
            .setMaxInitialLineLength(8192),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Sends one request; the reply's body is read completely. Never fails: errors are status -1. */
  public static Future<Reply> send(
      HttpClient client,
      HttpMethod method,
      String uri,
      Map<String, String> headers,
      Buffer body,
      long timeoutMillis) {
    long start = System.nanoTime();
    RequestOptions options =
        new RequestOptions().setMethod(method).setURI(uri).setIdleTimeout(timeoutMillis);
    headers.forEach(options::putHeader);
    return client
        .request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(
            resp ->
                resp.body()
                    .map(
                        b ->
                            new Reply(
                                resp.statusCode(), resp.headers(), b, start, System.nanoTime())))
        .recover(
            t ->
                Future.succeededFuture(
                    new Reply(
                        -1,
                        MultiMap.caseInsensitiveMultiMap().add("x-bench-error", String.valueOf(t)),
                        null,
                        start,
                        System.nanoTime())));
  }

  /** Waits for a Vert.x future from a non-event-loop thread. */
  public static <T> T await(Future<T> future, long timeoutMillis) {
    CompletableFuture<T> cf = future.toCompletionStage().toCompletableFuture();
    try {
      return cf.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + timeoutMillis + " ms", e);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
