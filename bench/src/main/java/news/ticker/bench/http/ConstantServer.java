package news.ticker.bench.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The limit of the feed-read scenario: the HTTP stack the services run on (Vert.x on Netty, one
 * verticle per event loop as Quarkus deploys it) answering constant responses, in its own JVM like
 * a service. {@code /page} and {@code /header} answer the bytes of the files given, with the same
 * headers as the timeline, and {@code 304} when {@code If-None-Match} matches.
 *
 * <p>{@code java -cp … news.ticker.bench.http.ConstantServer PORT PAGE_FILE HEADER_FILE ETAG};
 * prints {@code READY} when it listens and stops when its standard input closes.
 */
public final class ConstantServer extends AbstractVerticle {

  private final byte[] page;
  private final byte[] header;
  private final String etag;
  private final int port;

  ConstantServer(int port, byte[] page, byte[] header, String etag) {
    this.port = port;
    this.page = page;
    this.header = header;
    this.etag = etag;
  }

  @Override
  public void start(Promise<Void> started) {
    vertx
        .createHttpServer(
            new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(
            req -> {
              byte[] body =
                  switch (req.path()) {
                    case "/page" -> page;
                    case "/header" -> header;
                    default -> null;
                  };
              var resp = req.response();
              if (body == null) {
                resp.setStatusCode(404).end();
                return;
              }
              resp.putHeader("ETag", etag)
                  .putHeader("Cache-Control", "public, max-age=5, stale-while-revalidate=30")
                  .putHeader("Vary", "Accept");
              if (etag.equals(req.getHeader("If-None-Match"))) {
                resp.setStatusCode(304).end();
              } else {
                // a buffer per response, as any real handler renders one
                resp.putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
              }
            })
        .listen()
        .<Void>mapEmpty()
        .onComplete(started);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    byte[] page = Files.readAllBytes(Path.of(args[1]));
    byte[] header = Files.readAllBytes(Path.of(args[2]));
    String etag = args[3];
    int loops = 2 * Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    vertx
        .deployVerticle(
            () -> new ConstantServer(port, page, header, etag),
            new DeploymentOptions().setInstances(loops))
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
