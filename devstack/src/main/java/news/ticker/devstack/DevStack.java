package news.ticker.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import news.ticker.devstack.internal.Directories;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.devstack.jwt.DevKeys;
import news.ticker.devstack.jwt.TokenMinter;
import news.ticker.devstack.kafka.EmbeddedKafka;
import news.ticker.devstack.kafka.KafkaBroker;
import news.ticker.devstack.kafka.KafkaProcess;
import news.ticker.devstack.kafka.KafkaTopics;
import news.ticker.devstack.kafka.KafkaUsers;
import news.ticker.devstack.kafka.ScramCredentials;
import news.ticker.devstack.postgres.EmbeddedPostgres;
import news.ticker.devstack.process.ServiceProcess;
import news.ticker.events.KafkaAccess;
import news.ticker.events.KafkaAccess.ServiceAccess;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kafka, PostgreSQL and the JWT keys of one system test (or any tool that needs the whole stack),
 * on ephemeral ports under one working directory, plus the environment a service process needs:
 *
 * <pre>{@code
 * try (DevStack stack = DevStack.builder().start()) {
 *   ServiceProcess ingest =
 *       stack.service("ingest", ServiceProcess.quarkusRunJar(repoRoot, "ingest-service"), "ingest")
 *           .start();
 *   String auth = stack.bearer("editor");
 *   ...
 *   ingest.kill();              // crash the service
 *   stack.kafka().stop();       // clean broker shutdown; stack.kafka().kill() in PROCESS mode
 *   stack.kafka().start();      // same port, same data
 *   ingest.start();             // same port, same environment
 * }
 * }</pre>
 *
 * Layout of the working directory: {@code kafka/}, {@code postgres/}, {@code keys/}, {@code logs/}.
 */
public final class DevStack implements AutoCloseable {

  /** Where the broker runs. */
  public enum KafkaMode {
    /** A child JVM with its own PID: can be killed like a crashing broker. */
    PROCESS,
    /** In this JVM: one process less, but it can only be stopped, not killed. */
    IN_PROCESS
  }

  private final Path workDir;
  private final boolean ownsWorkDir;
  private final KafkaBroker kafka;
  private final EmbeddedPostgres postgres;
  private final DevKeys keys;
  private final ScramCredentials kafkaAdmin;
  private final Map<String, ScramCredentials> kafkaUsers = new LinkedHashMap<>();

  private DevStack(Builder builder) {
    if (builder.workDir != null) {
      this.workDir = builder.workDir.toAbsolutePath();
      this.ownsWorkDir = false;
    } else {
      this.workDir = OwnedTempDirs.create("ticker-devstack-");
      this.ownsWorkDir = true;
    }
    this.keys = DevKeys.loadOrCreate(workDir.resolve("keys"));
    this.kafkaAdmin =
        builder.kafkaAuthorization ? ScramCredentials.generate(ScramCredentials.ADMIN) : null;
    if (builder.kafkaMode == KafkaMode.PROCESS) {
      KafkaProcess.Builder process =
          KafkaProcess.builder()
              .port(builder.kafkaPort)
              .dataDir(workDir.resolve("kafka"))
              .logFile(logDir().resolve("kafka.log"));
      if (builder.kafkaJavaOptions != null) {
        process.javaOptions(builder.kafkaJavaOptions);
      }
      if (kafkaAdmin != null) {
        process.scram(kafkaAdmin);
      }
      this.kafka = process.build();
    } else {
      EmbeddedKafka.Builder embedded =
          EmbeddedKafka.builder().port(builder.kafkaPort).dataDir(workDir.resolve("kafka"));
      if (kafkaAdmin != null) {
        embedded.scram(kafkaAdmin);
      }
      this.kafka = embedded.build();
    }
    this.postgres =
        EmbeddedPostgres.builder()
            .port(builder.postgresPort)
            .dataDir(workDir.resolve("postgres"))
            .logFile(logDir().resolve("postgres.log"))
            .password(builder.postgresPassword)
            .databases(builder.databases.toArray(String[]::new))
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts PostgreSQL and Kafka (in parallel) and returns when both are ready. */
  public DevStack start() {
    OwnedTempDirs.sweepOrphans(); // servers of earlier test JVMs that were SIGKILLed
    CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(kafka::start);
    RuntimeException failure = null;
    try {
      postgres.start();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      broker.join(); // also after a failure: leave nothing half-started behind it
    } catch (CompletionException e) {
      RuntimeException cause =
          e.getCause() instanceof RuntimeException
              ? (RuntimeException) e.getCause()
              : new IllegalStateException(e.getCause());
      if (failure == null) {
        failure = cause;
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (kafkaAdmin != null) {
      createKafkaUsers();
    }
    return this;
  }

  /** One SCRAM user per service, with exactly the ACLs its {@link KafkaAccess} declares. */
  private void createKafkaUsers() {
    try (Admin admin = KafkaTopics.admin(kafka.adminClientProperties(), Duration.ofSeconds(30))) {
      for (ServiceAccess access : KafkaAccess.ALL) {
        ScramCredentials user = ScramCredentials.generate(access.user());
        KafkaUsers.create(admin, kafka.bootstrapServers(), user, access);
        kafkaUsers.put(access.service(), user);
      }
    }
  }

  /**
   * The Kafka login of a service's process ({@code ingest}, {@code timeline}, {@code analysis}) as
   * environment variables, on a stack built with {@link Builder#kafkaAuthorization}; empty
   * otherwise, for a broker without authentication.
   */
  public Map<String, String> kafkaLogin(String service) {
    if (kafkaAdmin == null) {
      return Map.of();
    }
    ScramCredentials user = kafkaUsers.get(service);
    if (user == null) {
      throw new IllegalArgumentException(
          "no Kafka user for " + service + ": is the stack started?");
    }
    return user.serviceEnvironment();
  }

  /**
   * What a service process needs (DEVELOPERS.md, "Service configuration"), for its database, but
   * without {@code QUARKUS_HTTP_PORT} ({@link ServiceProcess} sets that from its port).
   */
  public Map<String, String> serviceEnv(String database) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
    env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
    env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().orElseThrow().toString());
    env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
    return env;
  }

  /** {@link #serviceEnv(String)} plus {@code QUARKUS_HTTP_PORT}. */
  public Map<String, String> serviceEnv(String database, int httpPort) {
    Map<String, String> env = serviceEnv(database);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    return env;
  }

  /**
   * A service process wired to this stack: its environment, its log in {@code logs/<name>.log}, a
   * free port unless the caller sets one.
   */
  public ServiceProcess.Builder service(String name, Path quarkusRunJar, String database) {
    return ServiceProcess.builder(name, quarkusRunJar)
        .environment(serviceEnv(database))
        .logFile(logDir().resolve(name + ".log"));
  }

  /** {@code "Bearer <jwt>"} with these roles, signed by this stack's key. */
  public String bearer(String... roles) {
    String subject = roles.length == 0 ? "system-test" : "system-test-" + roles[0];
    return "Bearer " + tokens().mint(subject, List.of(roles));
  }

  public TokenMinter tokens() {
    return keys.minter();
  }

  public DevKeys keys() {
    return keys;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  public Path workDir() {
    return workDir;
  }

  public Path logDir() {
    return workDir.resolve("logs");
  }

  /** Stops Kafka, then PostgreSQL; deletes the working directory if it was a temporary one. */
  @Override
  public void close() {
    try {
      kafka.stop();
    } finally {
      postgres.stop();
      if (ownsWorkDir) {
        Directories.deleteRecursively(workDir);
      }
    }
  }

  /** Configures a {@link DevStack}. */
  public static final class Builder {
    private Path workDir;
    private int kafkaPort;
    private int postgresPort;
    private KafkaMode kafkaMode = KafkaMode.PROCESS;
    private String postgresPassword = EmbeddedPostgres.DEFAULT_PASSWORD;
    private List<String> databases = List.of();
    private boolean kafkaAuthorization;
    private List<String> kafkaJavaOptions;

    private Builder() {}

    /**
     * JVM options of the broker process ({@link KafkaMode#PROCESS}); default: {@link
     * KafkaProcess}'s own. Tests pass {@link KafkaProcess#TEST_JAVA_OPTIONS}.
     */
    public Builder kafkaJavaOptions(List<String> options) {
      this.kafkaJavaOptions = List.copyOf(options);
      return this;
    }

    /**
     * The broker authenticates with SCRAM-SHA-512 and enforces ACLs, as production's does; each
     * service gets a user with exactly the ACLs of its {@link KafkaAccess} declaration ({@link
     * #kafkaLogin(String)}); {@link KafkaBroker#adminClientProperties()} is the superuser's login.
     * Default: off (a plain listener, as {@code ./ticker up} and docker-compose run).
     */
    public Builder kafkaAuthorization(boolean enabled) {
      this.kafkaAuthorization = enabled;
      return this;
    }

    /** Keeps all data there; default: a temporary directory deleted by close(). */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /** 0 (default): a free port, fixed for the life of the stack. */
    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    /** 0 (default): a free port, fixed for the life of the stack. */
    public Builder postgresPort(int port) {
      this.postgresPort = port;
      return this;
    }

    /** Default {@link KafkaMode#PROCESS}. */
    public Builder kafkaMode(KafkaMode mode) {
      this.kafkaMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder postgresPassword(String password) {
      this.postgresPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Databases in addition to ingest, timeline and analysis. */
    public Builder databases(String... names) {
      this.databases = List.of(names);
      return this;
    }

    public DevStack build() {
      return new DevStack(this);
    }

    public DevStack start() {
      return build().start();
    }
  }
}
