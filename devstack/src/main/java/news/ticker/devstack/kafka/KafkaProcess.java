package news.ticker.devstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.ticker.devstack.Ports;
import news.ticker.devstack.internal.DevLogging;
import news.ticker.devstack.internal.Directories;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.devstack.process.ManagedProcess;
import news.ticker.devstack.process.ServiceProcess;
import news.ticker.events.Topics;

/**
 * An {@link EmbeddedKafka} in a JVM of its own ({@link DevKafkaMain}), so that it has its own PID
 * and can be {@linkplain #kill() killed} like a crashing broker. Ready once the broker answers and
 * every topic of the contract exists.
 */
public final class KafkaProcess implements KafkaBroker {

  private final int port;
  private final Path dataDir;
  private final Path temporaryRoot;
  private final ManagedProcess process;
  private final ScramCredentials admin;

  private KafkaProcess(Builder builder) {
    this.port = Ports.resolve(builder.port);
    this.admin = builder.admin;
    int controllerPort = Ports.resolve(builder.controllerPort);
    if (builder.dataDir != null) {
      this.temporaryRoot = null;
      this.dataDir = builder.dataDir.toAbsolutePath();
    } else {
      this.temporaryRoot = OwnedTempDirs.create("ticker-kafka-");
      this.dataDir = temporaryRoot.resolve("data");
    }
    List<String> command = new ArrayList<>();
    command.add(ManagedProcess.javaExecutable());
    command.add("-D" + ServiceProcess.COMPONENT_PROPERTY + "=" + builder.name);
    command.add(DevLogging.JUL_MANAGER_OPTION);
    if (!builder.detached) {
      // An attached broker ends with this JVM, also when this JVM is SIGKILLed (no hook runs).
      command.add("-D" + DevKafkaMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
    }
    command.addAll(builder.javaOptions);
    command.add("-cp");
    command.add(builder.classpath);
    command.add(DevKafkaMain.class.getName());
    command.add(Integer.toString(port));
    command.add(dataDir.toString());
    command.add(Integer.toString(controllerPort));
    Map<String, Object> client = adminClientProperties();
    ManagedProcess.Builder process =
        ManagedProcess.builder(builder.name)
            .command(command)
            .logFile(
                builder.logFile != null
                    ? builder.logFile
                    : dataDir.resolveSibling(dataDir.getFileName() + ".log"))
            .detached(builder.detached)
            // The port first: while nothing listens, the admin client would spend its whole
            // timeout on connection retries, and every start waited up to that long for nothing.
            .readiness(
                () ->
                    Ports.isListening(port, Duration.ofMillis(200))
                        && KafkaTopics.exist(client, Topics.ALL, Duration.ofSeconds(2)))
            .startupTimeout(builder.startupTimeout)
            // A controlled shutdown of a single node takes a few seconds; give it room.
            .stopTimeout(Duration.ofSeconds(30));
    if (admin != null) {
      process.environment(DevKafkaMain.SCRAM_ADMIN_PASSWORD_ENV, admin.password());
    }
    this.process = process.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized KafkaProcess start() {
    if (!process.isAlive()) {
      process.start();
    }
    return this;
  }

  @Override
  public synchronized void stop() {
    process.stop();
  }

  @Override
  public synchronized void kill() {
    process.kill();
  }

  /** Stops the broker and deletes the data directory if it was a temporary one made by this. */
  @Override
  public void close() {
    stop();
    Directories.deleteRecursively(temporaryRoot);
  }

  @Override
  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public Map<String, Object> adminClientProperties() {
    return ScramCredentials.client(bootstrapServers(), admin);
  }

  @Override
  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return process.logFile();
  }

  /** The underlying process. */
  public ManagedProcess process() {
    return process;
  }

  /**
   * JVM options for a broker that serves tests: C1 only and the serial collector. It starts in
   * about 4 s instead of 5.5 s here, and leaves the test's own JVM the CPU that C2 would take. Not
   * for a broker under the bench's load ({@code ./ticker up} keeps the default).
   */
  public static final List<String> TEST_JAVA_OPTIONS =
      List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** Configures a {@link KafkaProcess}. */
  public static final class Builder {
    private String name = "kafka";
    private int port;
    private int controllerPort;
    private Path dataDir;
    private Path logFile;
    private boolean detached;
    private String classpath = System.getProperty("java.class.path");
    private List<String> javaOptions = List.of("-Xmx512m");
    private Duration startupTimeout = Duration.ofSeconds(90);
    private ScramCredentials admin;

    private Builder() {}

    /** SCRAM logins and ACLs, with this superuser; see {@link EmbeddedKafka.Builder#scram}. */
    public Builder scram(ScramCredentials admin) {
      this.admin = Objects.requireNonNull(admin, "admin");
      return this;
    }

    /** Component name (default {@code kafka}): log header and process lookup. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** PLAINTEXT port; 0 (the default) picks a free one once, at build time. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder controllerPort(int port) {
      this.controllerPort = port;
      return this;
    }

    /** Persistent data directory; without one, a temporary directory deleted by close(). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Default: {@code <data-dir>.log} next to the data directory. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    public Builder detached(boolean detached) {
      this.detached = detached;
      return this;
    }

    /** Class path of the broker JVM; default: this JVM's. */
    public Builder classpath(String classpath) {
      this.classpath = Objects.requireNonNull(classpath, "classpath");
      return this;
    }

    public Builder javaOptions(String... options) {
      this.javaOptions = List.of(options);
      return this;
    }

    public Builder javaOptions(List<String> options) {
      this.javaOptions = List.copyOf(options);
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    public KafkaProcess build() {
      return new KafkaProcess(this);
    }

    public KafkaProcess start() {
      return build().start();
    }
  }
}
