package news.ticker.devstack.postgres;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import news.ticker.devstack.Ports;
import news.ticker.devstack.internal.Directories;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.devstack.process.ManagedProcess;
import news.ticker.devstack.process.ProcessControl;
import news.ticker.devstack.process.ProcessStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server for development and tests: the {@code postgres} binary that zonky bundles
 * ({@link PostgresBinaries}), run directly as a child process, so that its PID is the server's own
 * (a test can SIGKILL it like a crash) and a restart on the same data directory keeps all data.
 *
 * <p>Durable settings, like production: {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on (zonky's own launcher turns all three off), {@code max_connections=200}. TCP
 * on localhost only; no Unix socket, so that servers of parallel JVMs never collide on one.
 *
 * <p>PostgreSQL refuses to run as root. As root (CI, containers) the server runs in a new user
 * namespace ({@code unshare -U}, as zonky does): there it is an unprivileged user that still owns
 * its files.
 *
 * <p>On start it creates, idempotently, the LOGIN role of the services ({@code ticker} by default)
 * and the databases {@code ingest}, {@code timeline}, {@code analysis} plus any requested extra.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String DEFAULT_USER = "ticker";
  public static final String DEFAULT_PASSWORD = "ticker";
  public static final String SUPERUSER = "postgres";

  /** One database per service (DEVELOPERS.md). */
  public static final List<String> SERVICE_DATABASES = List.of("ingest", "timeline", "analysis");

  /** How TCP clients authenticate. */
  public enum Authentication {
    /** Any password (or none) is accepted; the default for a local dev stack. */
    TRUST,
    /** scram-sha-256: clients must send the right password, as in production. */
    PASSWORD
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String PID_FILE = "postmaster.pid";

  private final String name;
  private final int port;
  private final Path dataDir;
  private final Path temporaryRoot;
  private final Path logFile;
  private final String user;
  private final String password;
  private final String superuserPassword;
  private final Set<String> databases;
  private final Authentication authentication;
  private final Map<String, String> settings;
  private final boolean detached;
  private final Duration startupTimeout;

  private ManagedProcess process;

  private EmbeddedPostgres(Builder builder) {
    this.name = builder.name;
    this.port = Ports.resolve(builder.port);
    if (builder.dataDir != null) {
      this.temporaryRoot = null;
      this.dataDir = builder.dataDir.toAbsolutePath();
    } else {
      this.temporaryRoot = OwnedTempDirs.create("ticker-pg-");
      this.dataDir = temporaryRoot.resolve("data");
    }
    this.logFile =
        builder.logFile != null
            ? builder.logFile.toAbsolutePath()
            : dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.user = builder.user;
    this.password = builder.password;
    this.superuserPassword =
        builder.superuserPassword != null ? builder.superuserPassword : builder.password;
    this.databases = new LinkedHashSet<>(SERVICE_DATABASES);
    this.databases.addAll(builder.databases);
    this.authentication = builder.authentication;
    this.settings = durableSettings();
    this.settings.putAll(builder.settings);
    this.detached = builder.detached;
    this.startupTimeout = builder.startupTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static Map<String, String> durableSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("listen_addresses", "localhost");
    settings.put("unix_socket_directories", "");
    // Durable everywhere: never test against a database that would lose commits in a crash.
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("full_page_writes", "on");
    settings.put("max_connections", "200");
    settings.put("timezone", "UTC");
    settings.put("log_timezone", "UTC");
    return settings;
  }

  /**
   * Initialises the data directory if needed, removes a stale {@code postmaster.pid}, starts the
   * server, waits until it accepts connections and creates the role and databases.
   */
  public synchronized EmbeddedPostgres start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    Instant started = Instant.now();
    if (!Ports.isFree(port)) {
      throw new ProcessStartException(
          name, "port " + port + " is already in use", logFile, List.of());
    }
    try {
      Files.createDirectories(logFile.getParent());
      if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
        initdb();
      }
      removeStalePidFile();
      writeHba();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare PostgreSQL data directory " + dataDir, e);
    }
    if (process == null) {
      process =
          ManagedProcess.builder(name)
              .command(serverCommand())
              .logFile(logFile)
              .detached(detached)
              .readiness(this::acceptsConnections)
              .startupTimeout(startupTimeout)
              // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for clients to leave.
              .stopSignal(ProcessControl.Signal.INT)
              .stopTimeout(Duration.ofSeconds(30))
              .build();
    }
    process.start();
    try {
      createRoleAndDatabases();
    } catch (SQLException e) {
      throw new ProcessStartException(
          name, "cannot create role and databases: " + e.getMessage(), logFile, process.logTail());
    }
    LOG.info(
        "PostgreSQL ready on port {} (data {}) in {} ms",
        port,
        dataDir,
        Duration.between(started, Instant.now()).toMillis());
    return this;
  }

  private List<String> serverCommand() {
    List<String> command = new ArrayList<>(rootlessPrefix());
    command.add(PostgresBinaries.bin("postgres").toString());
    command.add("-D");
    command.add(dataDir.toString());
    command.add("-p");
    command.add(Integer.toString(port));
    settings.forEach(
        (key, value) -> {
          command.add("-c");
          command.add(key + "=" + value);
        });
    return command;
  }

  private void initdb() throws IOException {
    Path passwordFile = Files.createTempFile("ticker-pg-", ".pw");
    try {
      Files.writeString(passwordFile, superuserPassword + "\n", StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(rootlessPrefix());
      command.addAll(
          List.of(
              PostgresBinaries.bin("initdb").toString(),
              "-D",
              dataDir.toString(),
              "-U",
              SUPERUSER,
              "--pwfile=" + passwordFile,
              "-A",
              "trust",
              "-E",
              "UTF8",
              // Unicode-aware ctype that does not depend on the OS's locales (PostgreSQL 17).
              "--locale-provider=builtin",
              "--builtin-locale=C.UTF-8",
              "--locale=C"));
      Files.createDirectories(logFile.getParent());
      Process initdb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      boolean done = initdb.waitFor(120, TimeUnit.SECONDS);
      if (!done || initdb.exitValue() != 0) {
        initdb.destroyForcibly();
        throw new ProcessStartException(
            name,
            "initdb of " + dataDir + " failed" + (done ? " with " + initdb.exitValue() : ""),
            logFile,
            ProcessControl.tail(logFile, 20));
      }
      LOG.info("Initialised PostgreSQL data directory {}", dataDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during initdb", e);
    } finally {
      Files.deleteIfExists(passwordFile);
    }
  }

  /**
   * A server killed with SIGKILL leaves {@code postmaster.pid} behind, and PostgreSQL then refuses
   * to start ("lock file already exists"), even though the recorded PID is dead. Removed when that
   * PID is gone (or was reused by a process that is not a server of this directory); a live server
   * on this directory is an error.
   */
  private void removeStalePidFile() throws IOException {
    Path pidFile = dataDir.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<Long> pid = readPid(pidFile);
    if (pid.isPresent()
        && ProcessControl.isAlive(pid.get())
        && ProcessControl.commandLine(pid.get())
            .map(c -> c.contains(dataDir.toString()))
            .orElse(true)) {
      throw new ProcessStartException(
          name,
          "a PostgreSQL server (pid " + pid.get() + ") is already running on " + dataDir,
          logFile,
          List.of());
    }
    Files.delete(pidFile);
    LOG.info("Removed stale {} of a server that is gone (pid {})", pidFile, pid.orElse(null));
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    try {
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Rewritten on every start, so that the authentication setting of the builder applies. */
  private void writeHba() throws IOException {
    String method = authentication == Authentication.TRUST ? "trust" : "scram-sha-256";
    String hba =
        "# Written by the ticker devstack (EmbeddedPostgres) on every start.\n"
            + "local all all trust\n"
            + "host all all 127.0.0.1/32 "
            + method
            + "\n"
            + "host all all ::1/128 "
            + method
            + "\n";
    Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
  }

  /** {@code unshare -U} when running as root; nothing otherwise. */
  private static List<String> rootlessPrefix() {
    if (!isRoot()) {
      return List.of();
    }
    for (String candidate : List.of("/usr/bin/unshare", "/bin/unshare")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return List.of(candidate, "-U");
      }
    }
    throw new IllegalStateException(
        "PostgreSQL cannot run as root and unshare(1) (util-linux) is not installed");
  }

  private static boolean isRoot() {
    try {
      return new UnixSystem().getUid() == 0;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false; // not a Unix system
    }
  }

  private boolean acceptsConnections() {
    try (Connection connection = connectAsSuperuser("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false; // not up yet, or still recovering
    }
  }

  private void createRoleAndDatabases() throws SQLException {
    try (Connection admin = connectAsSuperuser("postgres")) {
      PostgresDatabases.ensureRole(admin, user, password);
      for (String database : databases) {
        PostgresDatabases.ensureDatabase(admin, database, user);
      }
    }
  }

  /** Creates another database owned by the service role, if it does not exist. */
  public void createDatabase(String database) {
    try (Connection admin = connectAsSuperuser("postgres")) {
      PostgresDatabases.ensureDatabase(admin, database, user);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
  }

  /** A connection to {@code database} as the service role. */
  public Connection connect(String database) throws SQLException {
    return PostgresDatabases.connect(jdbcUrl(database), user, password);
  }

  /** A connection to {@code database} as the superuser {@code postgres}. */
  public Connection connectAsSuperuser(String database) throws SQLException {
    return PostgresDatabases.connect(jdbcUrl(database), SUPERUSER, superuserPassword);
  }

  /** Fast shutdown (SIGINT), SIGKILL after 30 s; the data directory is kept. */
  public synchronized void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /**
   * SIGKILL of the postmaster, like a crash. Its backends notice and exit by themselves; this waits
   * for them (and SIGKILLs stragglers after 10 s), because a new postmaster refuses to start while
   * old processes still hold the shared memory.
   */
  public synchronized void kill() {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> backends =
        process.handle().map(h -> h.descendants().collect(Collectors.toList())).orElse(List.of());
    process.kill();
    for (ProcessHandle backend : backends) {
      if (!ProcessControl.awaitExit(backend, Duration.ofSeconds(10))) {
        backend.destroyForcibly();
      }
    }
  }

  /** Stops the server and deletes the data directory if it was a temporary one made by this. */
  @Override
  public void close() {
    stop();
    Directories.deleteRecursively(temporaryRoot);
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** PID of the postmaster. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("PostgreSQL was never started");
    }
    return process.pid();
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return logFile;
  }

  /** The services' role. */
  public String username() {
    return user;
  }

  public String password() {
    return password;
  }

  /** {@code jdbc:postgresql://localhost:<port>/<database>}, for Flyway and the outbox relay. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  /** {@code postgresql://localhost:<port>/<database>}, for Hibernate Reactive. */
  public String reactiveUrl(String database) {
    return "postgresql://localhost:" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[localhost:" + port + ", " + dataDir + "]";
  }

  /** Configures an {@link EmbeddedPostgres}. */
  public static final class Builder {
    private String name = "postgres";
    private int port;
    private Path dataDir;
    private Path logFile;
    private String user = DEFAULT_USER;
    private String password = DEFAULT_PASSWORD;
    private String superuserPassword;
    private final Set<String> databases = new LinkedHashSet<>();
    private Authentication authentication = Authentication.TRUST;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private boolean detached;
    private Duration startupTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** Component name in logs and errors (default {@code postgres}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** TCP port; 0 (the default) picks a free one once, at build time. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Persistent data directory; without one, a temporary directory deleted by close(). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Server log (appended); default {@code <data-dir>.log} next to the data directory. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** The services' LOGIN role (default {@code ticker}). */
    public Builder user(String user) {
      PostgresDatabases.identifier(user);
      this.user = user;
      return this;
    }

    /** Password of the services' role (default {@code ticker}). */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Password of {@code postgres}, set at initdb only (default: the services' password). */
    public Builder superuserPassword(String password) {
      this.superuserPassword = password;
      return this;
    }

    /** Databases created in addition to {@link #SERVICE_DATABASES}. */
    public Builder databases(String... names) {
      for (String database : names) {
        PostgresDatabases.identifier(database);
        databases.add(database);
      }
      return this;
    }

    public Builder authentication(Authentication authentication) {
      this.authentication = Objects.requireNonNull(authentication, "authentication");
      return this;
    }

    /** Overrides or adds a server setting ({@code -c name=value}). */
    public Builder setting(String name, String value) {
      settings.put(name, value);
      return this;
    }

    /** Own session and no shutdown hook: the server outlives this JVM (for ./ticker up -d). */
    public Builder detached(boolean detached) {
      this.detached = detached;
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    public EmbeddedPostgres build() {
      return new EmbeddedPostgres(this);
    }

    /** Builds and starts. */
    public EmbeddedPostgres start() {
      return build().start();
    }
  }
}
