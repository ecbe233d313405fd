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

  /**
   * Where the stack under test runs from: its {@code .devstack} (PIDs) and its {@code ./ticker}
   * launcher. The bench's own checkout unless {@code TICKER_BENCH_STACK_ROOT} names another (a
   * bench built in a worktree measuring the stack of the main checkout).
   */
  public Path stackRoot() {
    String other = env.get("TICKER_BENCH_STACK_ROOT");
    return other == null || other.isBlank() ? root : Path.of(other.trim()).toAbsolutePath();
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
      OptionalLong pid = Proc.readPid(pidFile(name));
      if (pid.isPresent() && Proc.alive(pid.getAsLong())) {
        pids.put(name, pid.getAsLong());
      }
    }
    return pids;
  }

  private Path pidFile(String name) {
    return stackRoot().resolve(".devstack/pids/" + name + ".pid");
  }

  /** The services {@link #stop} may stop: JVMs, which take SIGTERM as a graceful stop. */
  public static final List<String> SERVICES = List.of("ingest", "timeline", "analysis");

  /**
   * How a stop went.
   *
   * @param pid the process stopped, or -1 when none ran
   * @param graceful it exited within the grace time after SIGTERM (else it was SIGKILLed)
   * @param seconds from SIGTERM until it was gone
   */
  public record Stopped(String name, long pid, boolean graceful, double seconds) {
    public boolean wasRunning() {
      return pid >= 0;
    }
  }

  /**
   * Stops one service as {@code ./ticker down} would: SIGTERM to the PID in {@code
   * .devstack/pids/<name>.pid}, then waits for it to exit, and SIGKILLs it after {@code grace}. The
   * PID is checked to still be that service (its command line names it), since PIDs are reused.
   *
   * @throws IllegalArgumentException for a component that is not a service
   * @throws IllegalStateException when the process cannot be signalled or does not go away
   */
  public Stopped stop(String name, Duration grace) {
    if (!SERVICES.contains(name)) {
      throw new IllegalArgumentException("only services are stopped, not " + name);
    }
    OptionalLong recorded = Proc.readPid(pidFile(name));
    if (recorded.isEmpty()) {
      return new Stopped(name, -1, true, 0);
    }
    long pid = recorded.getAsLong();
    java.util.Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    String commandLine = Proc.commandLine(pid);
    if (handle.isEmpty()
        || !handle.get().isAlive()
        || commandLine == null
        || !commandLine.contains("-Dticker.component=" + name)) {
      return new Stopped(name, -1, true, 0);
    }
    long start = System.nanoTime();
    if (!handle.get().destroy()) {
      throw new IllegalStateException("cannot send SIGTERM to " + name + " (pid " + pid + ")");
    }
    boolean graceful = awaitExit(handle.get(), grace);
    if (!graceful) {
      handle.get().destroyForcibly();
      if (!awaitExit(handle.get(), Duration.ofSeconds(10))) {
        throw new IllegalStateException(name + " (pid " + pid + ") survived SIGKILL");
      }
    }
    return new Stopped(name, pid, graceful, (System.nanoTime() - start) / 1e9);
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handle.isAlive()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      if (!BenchContext.sleep(100)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts what does not run: {@code ./ticker up -d} in the stack's checkout, which starts only the
   * stopped components and returns once every one is ready. Never rebuilds ({@code
   * TICKER_NO_BUILD=1}): the jars under test stay the ones measured so far.
   *
   * @return null when it succeeded, else why not (exit code and the end of its output)
   */
  public String start(Duration timeout) {
    Path launcher = stackRoot().resolve("ticker");
    if (!Files.isExecutable(launcher)) {
      return "no ./ticker launcher in " + stackRoot();
    }
    try {
      Path log = Files.createTempFile("ticker-bench-up", ".log");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(launcher.toString(), "up", "-d")
                .directory(stackRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("TICKER_NO_BUILD", "1");
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroy();
          return "./ticker up -d did not return within " + timeout.toSeconds() + " s";
        }
        if (p.exitValue() != 0) {
          String out = Files.readString(log, StandardCharsets.UTF_8).strip();
          return "./ticker up -d failed (exit "
              + p.exitValue()
              + "): "
              + out.substring(Math.max(0, out.length() - 400));
        }
        return null;
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return "cannot run ./ticker up -d: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
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
    Path launcher = stackRoot().resolve("ticker");
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
              .directory(stackRoot().toFile())
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
