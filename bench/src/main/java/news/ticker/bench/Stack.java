package news.ticker.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import news.ticker.bench.measure.Proc;

/**
 * The stack under test, as {@code ./ticker up -d} runs it: ports from the same {@code TICKER_*}
 * variables (DEVELOPERS.md), PIDs from {@code .devstack/pids}, dev tokens from {@code ./ticker
 * token}.
 */
public final class Stack {

  public static final List<String> COMPONENTS =
      List.of("postgres", "kafka", "ingest", "timeline", "analysis");

  private final Path root;
  private final Map<String, String> env;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public Stack(Path root, Map<String, String> env) {
    this.root = root;
    this.env = env;
  }

  public Path root() {
    return root;
  }

  /** Where the services listen; loopback only. */
  public String host() {
    return env.getOrDefault("TICKER_BENCH_HOST", "127.0.0.1");
  }

  public int ingestPort() {
    return port("TICKER_INGEST_PORT", 8081);
  }

  public int timelinePort() {
    return port("TICKER_TIMELINE_PORT", 8082);
  }

  public int kafkaPort() {
    return port("TICKER_KAFKA_PORT", 9092);
  }

  public int postgresPort() {
    return port("TICKER_PG_PORT", 5432);
  }

  public String kafkaBootstrap() {
    return env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort());
  }

  public String postgresUser() {
    return env.getOrDefault("TICKER_BENCH_PG_USER", "ticker");
  }

  public String postgresPassword() {
    return env.getOrDefault("TICKER_BENCH_PG_PASSWORD", "ticker");
  }

  private int port(String variable, int defaultPort) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    return Integer.parseInt(value.trim());
  }

  /** PIDs of the running components ({@code .devstack/pids/<name>.pid}, alive only). */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String name : COMPONENTS) {
      OptionalLong pid = Proc.readPid(root.resolve(".devstack/pids/" + name + ".pid"));
      if (pid.isPresent() && Proc.alive(pid.getAsLong())) {
        pids.put(name, pid.getAsLong());
      }
    }
    return pids;
  }

  /**
   * A dev JWT with this role: {@code TICKER_BENCH_TOKEN_<ROLE>} if set, else {@code ./ticker token
   * <role> --ttl 8h}.
   */
  public String token(String role) {
    return tokens.computeIfAbsent(role, this::mint);
  }

  private String mint(String role) {
    String fromEnv = env.get("TICKER_BENCH_TOKEN_" + role.toUpperCase(Locale.ROOT));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    Path launcher = root.resolve("ticker");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(
          "no ./ticker launcher to mint a "
              + role
              + " token; set TICKER_BENCH_TOKEN_"
              + role.toUpperCase(Locale.ROOT));
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(launcher.toString(), "token", role, "--ttl", "8h")
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      // never rebuild the launcher while measuring
      pb.environment().put("TICKER_NO_BUILD", "1");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("./ticker token " + role + " did not answer in 120 s");
      }
      String token = lastLine(out);
      if (p.exitValue() != 0
          || token.isEmpty()
          || token.chars().filter(c -> c == '.').count() != 2) {
        throw new IllegalStateException(
            "./ticker token " + role + " failed (exit " + p.exitValue() + ")");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run ./ticker token " + role, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].trim();
  }

  /**
   * Whether a service answers {@code /q/health/ready} with 200; otherwise why not (for the report).
   */
  public String unavailable(String name, int port) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + host() + ":" + port + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200
          ? null
          : name + " is not ready (/q/health/ready answered " + r.statusCode() + ")";
    } catch (IOException e) {
      return name + " does not answer on port " + port + " (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
