package news.ticker.devstack.process;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.ticker.devstack.Ports;

/**
 * A packaged Quarkus service ({@code java -jar <module>/target/quarkus-app/quarkus-run.jar}) as a
 * real process: ready when {@code /q/health/ready} answers 200. The port is fixed at build time (0
 * picks a free one), so {@link #kill()} then {@link #start()} brings the service back on the same
 * port, with the same environment, appending to the same log.
 */
public final class ServiceProcess implements AutoCloseable {

  /** System property on every dev-stack JVM's command line, so that {@code ./ticker} finds it. */
  public static final String COMPONENT_PROPERTY = "ticker.component";

  private final String name;
  private final int port;
  private final ManagedProcess process;

  private ServiceProcess(String name, int port, ManagedProcess process) {
    this.name = name;
    this.port = port;
    this.process = process;
  }

  /**
   * @param name short name, e.g. {@code ingest}; used for the log file name and process lookup
   * @param quarkusRunJar the service's {@code quarkus-run.jar}, see {@link #quarkusRunJar}
   */
  public static Builder builder(String name, Path quarkusRunJar) {
    return new Builder(name, quarkusRunJar);
  }

  /** {@code <repoRoot>/<module>/target/quarkus-app/quarkus-run.jar}. */
  public static Path quarkusRunJar(Path repoRoot, String module) {
    return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /** Starts the service and waits until it is ready (or throws {@link ProcessStartException}). */
  public ServiceProcess start() {
    process.start();
    return this;
  }

  /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after the stop timeout. */
  public boolean stop() {
    return process.stop();
  }

  /** SIGKILL: a crash. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** {@code http://localhost:<port>}. */
  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public boolean isReady() {
    return process.isReady();
  }

  public Path logFile() {
    return process.logFile();
  }

  /** The underlying process, for finer control (spawn without waiting, exit code, ...). */
  public ManagedProcess process() {
    return process;
  }

  /**
   * The heap and GC a service runs with, from its module's {@code src/main/docker/jvm.options} (one
   * line, the same file its Docker image starts with), found from its {@code
   * <module>/target/quarkus-app/quarkus-run.jar}; {@code -Xmx512m} when there is none.
   */
  public static List<String> jvmOptionsOf(Path quarkusRunJar) {
    Path module = quarkusRunJar.toAbsolutePath().normalize().getParent();
    for (int i = 0; i < 2 && module != null; i++) {
      module = module.getParent();
    }
    if (module != null) {
      Path options = module.resolve("src/main/docker/jvm.options");
      if (Files.isRegularFile(options)) {
        try {
          String line = Files.readString(options).trim();
          if (!line.isEmpty()) {
            return List.of(line.split("\\s+"));
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return List.of("-Xmx512m");
  }

  /** Configures a {@link ServiceProcess}. */
  public static final class Builder {
    private final String name;
    private final Path jar;
    private int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> javaOptions;
    private Path logFile;
    private boolean detached;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(20);

    private Builder(String name, Path jar) {
      this.name = Objects.requireNonNull(name, "name");
      this.jar = Objects.requireNonNull(jar, "jar");
      this.javaOptions = new ArrayList<>(jvmOptionsOf(jar));
    }

    /** HTTP port, passed as {@code QUARKUS_HTTP_PORT}; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Environment of the service, e.g. {@link news.ticker.devstack.DevStack#serviceEnv}. */
    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Replaces the JVM options (default: the service's {@code src/main/docker/jvm.options}, see
     * {@link #jvmOptionsOf}).
     */
    public Builder javaOptions(String... options) {
      javaOptions.clear();
      javaOptions.addAll(List.of(options));
      return this;
    }

    /** Adds JVM options after the default ones (e.g. {@link AotCache#options}). */
    public Builder addJavaOptions(List<String> options) {
      javaOptions.addAll(options);
      return this;
    }

    /** Where the output goes (required). */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    public Builder detached(boolean detached) {
      this.detached = detached;
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = timeout;
      return this;
    }

    public ServiceProcess build() {
      if (!Files.isRegularFile(jar)) {
        throw new ProcessStartException(
            name,
            jar + " does not exist: build the service first (./mvnw install)",
            null,
            List.of());
      }
      int resolvedPort = Ports.resolve(port);
      List<String> command = new ArrayList<>();
      command.add(ManagedProcess.javaExecutable());
      command.add("-D" + COMPONENT_PROPERTY + "=" + name);
      command.addAll(javaOptions);
      command.add("-jar");
      command.add(jar.toAbsolutePath().toString());
      ManagedProcess process =
          ManagedProcess.builder(name)
              .command(command)
              .environment(environment)
              .environment("QUARKUS_HTTP_PORT", Integer.toString(resolvedPort))
              .workingDirectory(jar.toAbsolutePath().getParent())
              .logFile(Objects.requireNonNull(logFile, "logFile"))
              .detached(detached)
              .readiness(
                  ReadinessProbe.http(
                      URI.create("http://localhost:" + resolvedPort + "/q/health/ready")))
              .startupTimeout(startupTimeout)
              .stopTimeout(stopTimeout)
              .build();
      return new ServiceProcess(name, resolvedPort, process);
    }

    /** Builds and starts. */
    public ServiceProcess start() {
      return build().start();
    }
  }
}
