package news.ticker.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.ticker.platform.problem.Problem;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP edge every service shares, one Vert.x route ahead of everything else (resources, {@code
 * /q/} endpoints, Quarkus' own limits):
 *
 * <ul>
 *   <li><b>Security headers</b> on every response, errors included: {@code X-Content-Type-Options:
 *       nosniff}, {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer}, a {@code
 *       Content-Security-Policy} that allows nothing, {@code Strict-Transport-Security} when
 *       configured, and {@code Cache-Control: no-store} on writes and on every error.
 *   <li><b>CORS</b>: reads (GET, HEAD, SSE) from any origin; writes only from {@code
 *       ticker.cors.newsroom-origins}. A write from another origin, or its preflight, is refused
 *       with 403 before it reaches a resource. Quarkus' own {@code quarkus.http.cors} stays off.
 *   <li><b>Body size</b>: a {@code Content-Length} over {@code quarkus.http.limits.max-body-size}
 *       is answered 413 in problem+json (Quarkus' own check would answer an empty 413).
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {

  /** Ahead of every Quarkus route, the upload limit (order -2) included. */
  static final int ORDER = Integer.MIN_VALUE;

  static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  static final String READ_HEADERS =
      "Accept, Accept-Language, Authorization, Cache-Control, If-None-Match, If-Modified-Since,"
          + " Last-Event-ID";
  static final String WRITE_HEADERS =
      "Accept, Accept-Language, Authorization, Content-Type, Idempotency-Key, If-Match,"
          + " If-None-Match";
  static final String EXPOSED_HEADERS =
      "ETag, Location, Retry-After, Idempotent-Replayed, Last-Modified";

  @Inject HttpEdgeConfig.Http http;
  @Inject HttpEdgeConfig.Cors cors;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  Optional<MemorySize> maxBodySize;

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::handle);
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    boolean write = !READS.contains(request.method()) && request.method() != HttpMethod.OPTIONS;
    ctx.addHeadersEndHandler(v -> securityHeaders(response, write));

    String origin = request.getHeader("Origin");
    if (origin != null) {
      if (request.method() == HttpMethod.OPTIONS
          && request.getHeader("Access-Control-Request-Method") != null) {
        preflight(ctx, origin, request.getHeader("Access-Control-Request-Method"));
        return;
      }
      if (!write) {
        response.putHeader("Access-Control-Allow-Origin", "*");
        response.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      } else if (newsroom(origin)) {
        allowNewsroom(response, origin);
      } else {
        problem(ctx, originRefused(origin));
        return;
      }
    }

    if (tooLarge(request)) {
      long limit = maxBodySize.get().asLongValue();
      response.putHeader("Connection", "close");
      response.endHandler(v -> request.connection().close());
      problem(ctx, ProblemException.tooLarge("body", limit));
      return;
    }
    ctx.next();
  }

  private void preflight(RoutingContext ctx, String origin, String requestedMethod) {
    HttpServerResponse response = ctx.response();
    boolean read =
        "GET".equalsIgnoreCase(requestedMethod) || "HEAD".equalsIgnoreCase(requestedMethod);
    response.putHeader(
        "Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    String maxAge = Long.toString(cors.preflightMaxAge().toSeconds());
    if (read) {
      response
          .putHeader("Access-Control-Allow-Origin", "*")
          .putHeader("Access-Control-Allow-Methods", "GET, HEAD")
          .putHeader("Access-Control-Allow-Headers", READ_HEADERS)
          .putHeader("Access-Control-Max-Age", maxAge)
          .setStatusCode(204)
          .end();
    } else if (newsroom(origin)) {
      allowNewsroom(response, origin);
      response
          .putHeader(
              "Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
          .putHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
          .putHeader("Access-Control-Allow-Headers", WRITE_HEADERS)
          .putHeader("Access-Control-Max-Age", maxAge)
          .setStatusCode(204)
          .end();
    } else {
      problem(ctx, originRefused(origin));
    }
  }

  private static void allowNewsroom(HttpServerResponse response, String origin) {
    response
        .putHeader("Access-Control-Allow-Origin", origin)
        .putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS)
        .putHeader("Vary", "Origin");
  }

  private boolean newsroom(String origin) {
    return cors.newsroomOrigins().orElse(List.of()).stream()
        .map(String::strip)
        .anyMatch(allowed -> allowed.equalsIgnoreCase(origin));
  }

  private boolean tooLarge(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length == null || maxBodySize.isEmpty()) {
      return false;
    }
    try {
      return Long.parseLong(length.strip()) > maxBodySize.get().asLongValue();
    } catch (NumberFormatException e) {
      return false; // Netty refuses a malformed Content-Length before we see it
    }
  }

  private void securityHeaders(HttpServerResponse response, boolean write) {
    var headers = response.headers();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    if (!headers.contains("Content-Security-Policy")) {
      headers.set("Content-Security-Policy", http.contentSecurityPolicy());
    }
    http.strictTransportSecurity().ifPresent(v -> headers.set("Strict-Transport-Security", v));
    if (write || response.getStatusCode() >= 400) {
      headers.set("Cache-Control", "no-store");
    }
  }

  private static ProblemException originRefused(String origin) {
    return new ProblemException(
        ProblemType.ORIGIN_NOT_ALLOWED,
        "writes from a browser are accepted only from the newsroom's origins, not from " + origin,
        List.of(),
        Map.of());
  }

  private void problem(RoutingContext ctx, ProblemException problem) {
    HttpServerResponse response = ctx.response();
    Buffer body;
    try {
      body = Buffer.buffer(json.writeValueAsBytes(problem.toProblem(ctx.request().path())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem", e);
    }
    problem.headers().forEach(response::putHeader);
    response
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(body);
  }
}
