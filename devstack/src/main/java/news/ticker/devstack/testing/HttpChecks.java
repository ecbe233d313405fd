package news.ticker.devstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * HTTP checks every service's tests share: the access matrix over all endpoints (checked against
 * {@code /q/openapi}, so a new endpoint cannot slip through), the security headers of the
 * platform's HTTP edge, and raw exchanges for limits a normal client cannot exceed. Only the JDK's
 * client, so it works the same in each service's Quarkus tests.
 */
public final class HttpChecks {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS =
      Set.of("get", "head", "post", "put", "patch", "delete", "options");

  private HttpChecks() {}

  /** Who may call an endpoint. */
  public record Access(String rightRole, String wrongRole) {
    /** No token needed (public reads). */
    public static final Access PUBLIC = new Access(null, null);

    /** Needs {@code right}; {@code wrong} is a valid role that is refused (403). */
    public static Access needs(String right, String wrong) {
      return new Access(right, wrong);
    }

    boolean isPublic() {
      return rightRole == null;
    }
  }

  /**
   * One endpoint of the matrix.
   *
   * @param method HTTP method
   * @param template the path template exactly as {@code /q/openapi} names it
   * @param path a concrete path to call
   * @param access who may call it
   * @param contentType the request body's media type, or null for no body
   * @param body a body that passes the media-type check (it need not be valid)
   * @param after given the right role's answer when it succeeded (for example: wait for the job it
   *     started), or null
   */
  public record Endpoint(
      String method,
      String template,
      String path,
      Access access,
      String contentType,
      String body,
      Consumer<HttpResponse<String>> after) {

    public static Endpoint of(String method, String template, String path, Access access) {
      return new Endpoint(method, template, path, access, null, null, null);
    }

    public Endpoint withBody(String contentType, String body) {
      return new Endpoint(method, template, path, access, contentType, body, after);
    }

    public Endpoint then(Consumer<HttpResponse<String>> after) {
      return new Endpoint(method, template, path, access, contentType, body, after);
    }

    String operation() {
      return method.toUpperCase(Locale.ROOT) + " " + template;
    }
  }

  /** Every operation {@code /q/openapi} documents, as {@code "METHOD /path/{template}"}. */
  public static Set<String> documentedOperations(URI base) {
    HttpResponse<String> response =
        send(base, "GET", "/q/openapi?format=json", Map.of("Accept", "application/json"), null);
    if (response.statusCode() != 200) {
      throw new AssertionError("/q/openapi answered " + response.statusCode());
    }
    try {
      JsonNode paths = JSON.readTree(response.body()).path("paths");
      Set<String> operations = new TreeSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> path = it.next();
        path.getValue()
            .fieldNames()
            .forEachRemaining(
                method -> {
                  if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                  }
                });
      }
      return operations;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What is wrong with the matrix against {@code /q/openapi} and against the running service: every
   * documented operation must be in the matrix (and the other way round); a protected endpoint
   * answers 401 problem+json without a token, with an expired one, one signed by another key and
   * one of another issuer, 403 problem+json to the wrong role, and neither to the right role; a
   * public one answers without a token (and ignores a bad one). Never a 5xx. Empty when all holds.
   */
  public static List<String> accessFailures(URI base, List<Endpoint> matrix) {
    List<String> failures = new ArrayList<>();
    Set<String> documented = documentedOperations(base);
    Set<String> covered = new TreeSet<>();
    matrix.forEach(e -> covered.add(e.operation()));
    for (String operation : documented) {
      if (!covered.contains(operation)) {
        failures.add(operation + ": documented in /q/openapi but not in the access matrix");
      }
    }
    for (String operation : covered) {
      if (!documented.contains(operation)) {
        failures.add(operation + ": in the access matrix but not documented in /q/openapi");
      }
    }
    for (Endpoint endpoint : matrix) {
      failures.addAll(check(base, endpoint));
    }
    return failures;
  }

  private static List<String> check(URI base, Endpoint endpoint) {
    List<String> failures = new ArrayList<>();
    String name = endpoint.method() + " " + endpoint.path();
    if (endpoint.access().isPublic()) {
      expectServed(failures, name + " without a token", call(base, endpoint, null));
      expectServed(
          failures,
          name + " with an expired token",
          call(base, endpoint, TestTokens.expired("editor")));
      return failures;
    }
    String right = endpoint.access().rightRole();
    Map<String, Supplier<String>> refused = new LinkedHashMap<>();
    refused.put("without a token", () -> null);
    refused.put("with an expired token", () -> TestTokens.expired(right));
    refused.put("with a token signed by another key", () -> TestTokens.signedByOtherKey(right));
    refused.put("with a token of another issuer", () -> TestTokens.wrongIssuer(right));
    refused.put("with a malformed token", () -> "Bearer not-a-jwt");
    refused.forEach(
        (what, token) ->
            expectProblem(failures, name + " " + what, call(base, endpoint, token.get()), 401));
    expectProblem(
        failures,
        name + " as " + endpoint.access().wrongRole(),
        call(base, endpoint, TestTokens.bearer(endpoint.access().wrongRole())),
        403);
    HttpResponse<String> allowed = call(base, endpoint, TestTokens.bearer(right));
    expectServed(failures, name + " as " + right, allowed);
    if (endpoint.after() != null && allowed.statusCode() < 300) {
      endpoint.after().accept(allowed);
    }
    return failures;
  }

  private static HttpResponse<String> call(URI base, Endpoint endpoint, String authorization) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (endpoint.contentType() != null) {
      headers.put("Content-Type", endpoint.contentType());
    }
    return send(base, endpoint.method(), endpoint.path(), headers, endpoint.body());
  }

  private static void expectServed(List<String> failures, String what, HttpResponse<String> r) {
    if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() >= 500) {
      failures.add(what + ": expected to be served, got " + r.statusCode() + " " + r.body());
    }
  }

  private static void expectProblem(
      List<String> failures, String what, HttpResponse<String> r, int status) {
    if (r.statusCode() != status) {
      failures.add(what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
    } else if (!isProblem(r)) {
      failures.add(what + ": " + status + " is not application/problem+json");
    }
  }

  /** Whether the response is {@code application/problem+json} with the matching status. */
  public static boolean isProblem(HttpResponse<String> r) {
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      return false;
    }
    try {
      return JSON.readTree(r.body()).path("status").asInt() == r.statusCode();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * What is missing of the platform's security headers on a response; {@code write} also expects
   * {@code Cache-Control: no-store} (as does every error). Empty when all are there.
   */
  public static List<String> securityHeaderFailures(HttpResponse<?> r, boolean write) {
    List<String> failures = new ArrayList<>();
    String name = r.request().method() + " " + r.uri().getPath() + " (" + r.statusCode() + ")";
    expectHeader(failures, name, r, "X-Content-Type-Options", "nosniff");
    expectHeader(failures, name, r, "X-Frame-Options", "DENY");
    expectHeader(failures, name, r, "Referrer-Policy", "no-referrer");
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    if (!csp.contains("default-src 'none'") || !csp.contains("frame-ancestors 'none'")) {
      failures.add(name + ": Content-Security-Policy is '" + csp + "'");
    }
    if (write || r.statusCode() >= 400) {
      expectHeader(failures, name, r, "Cache-Control", "no-store");
    }
    return failures;
  }

  private static void expectHeader(
      List<String> failures, String name, HttpResponse<?> r, String header, String value) {
    String actual = r.headers().firstValue(header).orElse(null);
    if (!value.equalsIgnoreCase(actual)) {
      failures.add(name + ": " + header + " is " + actual + ", expected " + value);
    }
  }

  /** One request with the JDK client; {@code body} null sends none. */
  public static HttpResponse<String> send(
      URI base, String method, String path, Map<String, String> headers, String body) {
    return sendBytes(
        base, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** One request with raw body bytes (for example invalid UTF-8). */
  public static HttpResponse<String> sendBytes(
      URI base, String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-separated, without the final empty line)
   * over a plain socket and returns everything the server answered until it closed the connection
   * or the response was complete (for limits a normal client refuses to exceed, such as a declared
   * body larger than it sends).
   */
  public static String rawExchange(URI base, String head) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        answer.write(buffer, 0, read);
        if (complete(answer.toString(StandardCharsets.UTF_8))) {
          break;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean complete(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = answer.substring(0, end).toLowerCase(Locale.ROOT);
    for (String line : head.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        int length = Integer.parseInt(line.substring("content-length:".length()).strip());
        return answer.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
      }
    }
    return false;
  }
}
