package news.ticker.devstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import news.ticker.devstack.Ports;
import news.ticker.devstack.internal.Directories;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.events.Topics;
import news.ticker.events.Topics.TopicSpec;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in this JVM.
 *
 * <p>The recipe: {@code process.roles=broker,controller}, {@code node.id=1}, a static quorum of
 * itself ({@code controller.quorum.voters=1@localhost:<controllerPort>}), PLAINTEXT (or, with
 * {@link Builder#scram}, SCRAM-authenticated SASL_PLAINTEXT with ACLs) on the requested port and
 * CONTROLLER on a second one, every replication factor and ISR minimum 1, no topic auto-creation.
 * The data directory is formatted with {@link StorageTool} only when it has no {@code
 * meta.properties} yet, so records survive a {@link #stop()} / {@link #start()} and a restart of
 * the JVM. Then every topic of the contract is created if missing.
 *
 * <p>Ports are resolved once, when the broker is built: a restart binds the same ports, which is
 * what clients that cached the bootstrap address (and the system tests) rely on.
 */
public final class EmbeddedKafka implements KafkaBroker {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String META_PROPERTIES = "meta.properties";
  private static final String LOCK_FILE = ".lock";

  private final int port;
  private final int controllerPort;
  private final Path dataDir;
  private final Path temporaryRoot;
  private final List<TopicSpec> topics;
  private final Map<String, String> extraProperties;
  private final Duration startupTimeout;
  private final ScramCredentials admin;

  private KafkaRaftServer server;

  private EmbeddedKafka(Builder builder) {
    this.port = Ports.resolve(builder.port);
    this.controllerPort = Ports.resolve(builder.controllerPort);
    if (builder.dataDir != null) {
      this.temporaryRoot = null;
      this.dataDir = builder.dataDir.toAbsolutePath();
    } else {
      this.temporaryRoot = OwnedTempDirs.create("ticker-kafka-");
      this.dataDir = temporaryRoot.resolve("data");
    }
    this.topics = List.copyOf(builder.topics);
    this.extraProperties = Map.copyOf(builder.properties);
    this.startupTimeout = builder.startupTimeout;
    this.admin = builder.admin;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    Instant started = Instant.now();
    requireFree(port, "port");
    requireFree(controllerPort, "controller port");
    Map<String, String> properties = brokerProperties();
    try {
      Files.createDirectories(dataDir);
      requireUnlocked();
      if (!Files.exists(dataDir.resolve(META_PROPERTIES))) {
        format(properties);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka data directory " + dataDir, e);
    }
    KafkaRaftServer raftServer =
        new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
    try {
      // Returns once the broker is unfenced, i.e. registered with its controller and serving.
      raftServer.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(raftServer);
      throw new IllegalStateException("Kafka did not start on port " + port + ": " + e, e);
    }
    server = raftServer;
    try {
      KafkaTopics.ensure(adminClientProperties(), topics, startupTimeout);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    LOG.info(
        "Kafka ready at {} (data {}) in {} ms",
        bootstrapServers(),
        dataDir,
        Duration.between(started, Instant.now()).toMillis());
    return this;
  }

  private void requireFree(int candidate, String what) {
    if (!Ports.isFree(candidate)) {
      throw new IllegalStateException(
          "Kafka cannot start: its " + what + " " + candidate + " is already in use");
    }
  }

  /**
   * A {@code .lock} left behind by a killed broker is harmless (the OS released its lock with the
   * process), so it is left alone; a lock that is still held means another live broker uses this
   * directory, and two brokers on one log directory corrupt it, so that is refused clearly.
   */
  private void requireUnlocked() throws IOException {
    Path lockFile = dataDir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(
            "Kafka data directory " + dataDir + " is in use by another running broker");
      }
      lock.release();
    } catch (OverlappingFileLockException e) {
      throw new IllegalStateException(
          "Kafka data directory " + dataDir + " is in use by another broker in this JVM", e);
    }
  }

  private void format(Map<String, String> properties) throws IOException {
    Path config = Files.createTempFile("ticker-kafka-", ".properties");
    try {
      Properties file = new Properties();
      file.putAll(properties);
      try (OutputStream out = Files.newOutputStream(config)) {
        file.store(out, "ticker devstack: StorageTool format");
      }
      String clusterId = Uuid.randomUuid().toString();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      List<String> arguments =
          new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
      if (admin != null) {
        // The superuser's credential is in the metadata log from the start: SCRAM users live
        // there, and without one nobody could log in to create the others.
        arguments.add("--add-scram");
        arguments.add(
            ScramCredentials.MECHANISM
                + "=[name="
                + admin.user()
                + ",password="
                + admin.password()
                + "]");
      }
      int exit;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exit = StorageTool.execute(arguments.toArray(String[]::new), print);
      }
      String text = output.toString(StandardCharsets.UTF_8).trim();
      if (exit != 0) {
        throw new IllegalStateException("formatting " + dataDir + " failed: " + text);
      }
      LOG.info("Formatted {} for cluster {}: {}", dataDir, clusterId, text);
    } finally {
      Files.deleteIfExists(config);
    }
  }

  /** The broker configuration; public so that tools and docs show exactly what runs. */
  public Map<String, String> brokerProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    // A static quorum (kraft.version 0) stores no voter endpoints in the log, so the controller
    // port
    // may differ between runs of the same data directory.
    props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    String listener = admin == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
    props.put(
        "listeners",
        listener + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", listener + "://localhost:" + port);
    props.put(
        "listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", listener);
    if (admin != null) {
      // As production's listener (deploy/base/kafka): SCRAM-SHA-512 and the standard authorizer,
      // so a client without an ACL is refused. TLS is left out: it guards the wire, not the rules.
      props.put("sasl.enabled.mechanisms", ScramCredentials.MECHANISM);
      props.put("sasl.mechanism.inter.broker.protocol", ScramCredentials.MECHANISM);
      props.put(
          "listener.name.sasl_plaintext."
              + ScramCredentials.MECHANISM.toLowerCase(Locale.ROOT)
              + ".sasl.jaas.config",
          admin.jaasConfig());
      props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      // ANONYMOUS is the broker itself on the local PLAINTEXT controller listener.
      props.put("super.users", "User:" + admin.user() + ";User:ANONYMOUS");
      props.put("allow.everyone.if.no.acl.found", "false");
    }
    props.put("log.dirs", dataDir.toString());
    // One node: every replication factor and ISR minimum is 1.
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Fewer internal partitions than the default 50: cheaper on a 2-core machine, same semantics.
    props.put("offsets.topic.num.partitions", "12");
    props.put("transaction.state.log.num.partitions", "12");
    // Topics are part of the contract and created explicitly (as in production).
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", Integer.toString(Topics.PARTITIONS));
    // A consumer group of one member must not wait 3 s for others in tests.
    props.put("group.initial.rebalance.delay.ms", "0");
    // After a kill -9 the controller refuses the restarted broker's registration until the old
    // incarnation's session expired (default 9 s); a local heartbeat can afford a short session.
    props.put("broker.heartbeat.interval.ms", "1000");
    props.put("broker.session.timeout.ms", "3000");
    props.putAll(extraProperties);
    return props;
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    KafkaRaftServer running = server;
    server = null;
    running.shutdown();
    running.awaitShutdown();
    LOG.info("Kafka at {} stopped", bootstrapServers());
  }

  private static void shutdownQuietly(KafkaRaftServer raftServer) {
    try {
      raftServer.shutdown();
      raftServer.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka did not shut down cleanly after a failed start", e);
    }
  }

  /** Stops the broker and deletes the data directory if it was a temporary one made by this. */
  @Override
  public void close() {
    stop();
    Directories.deleteRecursively(temporaryRoot);
  }

  @Override
  public Map<String, Object> adminClientProperties() {
    return ScramCredentials.client(bootstrapServers(), admin);
  }

  /** Whether clients must log in with SCRAM and are held to their ACLs. */
  public boolean authenticates() {
    return admin != null;
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
  }

  /** Configures an {@link EmbeddedKafka}. */
  public static final class Builder {
    private int port;
    private int controllerPort;
    private Path dataDir;
    private List<TopicSpec> topics = Topics.ALL;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private ScramCredentials admin;

    private Builder() {}

    /**
     * Clients must log in with SCRAM-SHA-512 ({@code SASL_PLAINTEXT}) and are held to their ACLs
     * (standard authorizer, nothing allowed without an ACL); {@code admin} is the superuser. A data
     * directory formatted with a superuser needs the same one on every later start.
     */
    public Builder scram(ScramCredentials admin) {
      this.admin = Objects.requireNonNull(admin, "admin");
      return this;
    }

    /** PLAINTEXT port; 0 (the default) picks a free one once, at build time. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** CONTROLLER port; 0 (the default) picks a free one once, at build time. */
    public Builder controllerPort(int port) {
      this.controllerPort = port;
      return this;
    }

    /** Persistent data directory; without one, a temporary directory deleted by close(). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Topics to create on start (default {@link Topics#ALL}). */
    public Builder topics(List<TopicSpec> topics) {
      this.topics = Objects.requireNonNull(topics, "topics");
      return this;
    }

    /** Overrides or adds a broker property. */
    public Builder brokerProperty(String name, String value) {
      properties.put(name, value);
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    public EmbeddedKafka build() {
      return new EmbeddedKafka(this);
    }

    /** Builds and starts. */
    public EmbeddedKafka start() {
      return build().start();
    }
  }
}
