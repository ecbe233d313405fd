package news.ticker.devstack.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import news.ticker.devstack.Ports;
import news.ticker.devstack.jwt.DevKeys;
import news.ticker.devstack.kafka.KafkaProcess;
import news.ticker.devstack.kafka.KafkaTopics;
import news.ticker.devstack.postgres.EmbeddedPostgres;
import news.ticker.devstack.postgres.PostgresDatabases;
import news.ticker.devstack.process.AotCache;
import news.ticker.devstack.process.ProcessControl;
import news.ticker.devstack.process.ProcessStartException;
import news.ticker.devstack.process.ReadinessProbe;
import news.ticker.devstack.process.ServiceProcess;

/**
 * The local stack of {@code ./ticker}: PostgreSQL, Kafka and the three services as detached
 * processes with their own PIDs, their state in {@code .devstack/}. Every command works from what
 * is recorded there and what really runs, so it also repairs: {@code up} starts only what is not
 * running (e.g. a component killed with {@code kill -9}), {@code down} stops whatever still runs.
 */
final class LocalStack {

  private static final Duration POSTGRES_STARTUP = Duration.ofSeconds(60);
  private static final Duration KAFKA_STARTUP = Duration.ofSeconds(90);
  private static final Duration SERVICE_STARTUP = Duration.ofSeconds(90);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final Path repositoryRoot;
  private final StateDirectory state;
  private final List<Component> components;
  private final PrintStream out;

  /** A component that runs: its PID and the port it was started on. */
  record Running(Component component, long pid, int port) {}

  /** One line of {@code ./ticker status}. */
  record Status(String name, Long pid, int port, boolean ready, Path log) {}

  LocalStack(Path repositoryRoot, Map<String, String> env, PrintStream out) {
    this.repositoryRoot = repositoryRoot.toAbsolutePath();
    this.state = new StateDirectory(this.repositoryRoot);
    this.components = Component.all(env);
    this.out = out;
  }

  // ---------------------------------------------------------------------------------------- up

  /**
   * Starts what does not run yet and waits until everything is ready. Attached ({@code detached}
   * false), stops what it started when this JVM ends (Ctrl-C): services first, then Kafka, then
   * PostgreSQL; detached, returns and leaves the processes running.
   */
  void up(boolean detached) {
    state.createDirectories();
    DevKeys keys = DevKeys.loadOrCreate(state.keys());
    List<Component> toStart = new ArrayList<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Component component : components) {
      if (component.isService() && !Files.isDirectory(repositoryRoot.resolve(component.module()))) {
        out.printf(
            "%-9s skipped: module %s is not in this checkout%n",
            component.name(), component.module());
        continue;
      }
      Optional<Running> running = running(component);
      if (running.isPresent()) {
        out.printf(
            "%-9s already running (pid %d, port %d)%n",
            component.name(), running.get().pid(), running.get().port());
        ports.put(component.name(), running.get().port());
      } else {
        toStart.add(component);
        ports.put(component.name(), component.port());
      }
    }
    checkBeforeStart(toStart);

    List<Started> started = new ArrayList<>();
    if (!detached) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> stopStarted(started), "ticker-stop-started"));
    }
    try {
      startAll(toStart, ports, keys, started);
    } catch (ProcessStartException e) {
      if (detached) {
        // Leave the healthy ones (a repeated `up -d` continues from there), not the failed one.
        started.stream()
            .filter(s -> s.component().name().equals(e.component()))
            .forEach(
                s -> {
                  ProcessControl.kill(s.pid());
                  state.forget(s.component().name());
                });
        out.println(
            "Stop the rest with ./ticker down, or fix the problem and run ./ticker up -d again.");
      }
      throw e;
    }
    printSummary(ports);
    if (!detached) {
      out.println("Press Ctrl-C to stop what this command started.");
      watch(started);
    }
  }

  /** A component this invocation started; its PID becomes known once it is spawned. */
  private record Started(Component component, PidSource pidSource) {
    long pid() {
      return pidSource.pid();
    }
  }

  @FunctionalInterface
  private interface PidSource {
    long pid();
  }

  private void checkBeforeStart(List<Component> toStart) {
    for (Component component : toStart) {
      if (!Ports.isFree(component.port())) {
        throw new StackException(
            String.format(
                "port %d for %s is already in use by another process: free it, or choose another"
                    + " port with %s=<port>",
                component.port(), component.name(), component.portVariable()));
      }
      if (component.isService()) {
        Path jar = ServiceProcess.quarkusRunJar(repositoryRoot, component.module());
        if (!Files.isRegularFile(jar)) {
          throw new StackException(
              String.format(
                  "%s is not built (%s is missing): ./mvnw install -DskipTests -pl %s -am",
                  component.name(), repositoryRoot.relativize(jar), component.module()));
        }
      }
    }
  }

  private void startAll(
      List<Component> toStart, Map<String, Integer> ports, DevKeys keys, List<Started> started) {
    KafkaProcess kafka = null;
    EmbeddedPostgres postgres = null;
    List<ServiceProcess> services = new ArrayList<>();
    for (Component component : toStart) {
      if (component.kind() == Component.Kind.KAFKA) {
        kafka =
            KafkaProcess.builder()
                .port(component.port())
                .dataDir(state.kafkaData())
                .logFile(state.logFile(component.name()))
                .detached(true)
                .startupTimeout(KAFKA_STARTUP)
                .build();
      } else if (component.kind() == Component.Kind.POSTGRES) {
        postgres =
            EmbeddedPostgres.builder()
                .port(component.port())
                .dataDir(state.postgresData())
                .logFile(state.logFile(component.name()))
                .detached(true)
                .startupTimeout(POSTGRES_STARTUP)
                .build();
      }
    }
    // Kafka's JVM takes longest: spawn it first, start PostgreSQL meanwhile, then wait for both.
    if (kafka != null) {
      kafka.process().spawn();
      KafkaProcess spawned = kafka;
      started.add(new Started(component("kafka"), spawned::pid));
      state.record("kafka", kafka.pid(), kafka.port());
    }
    if (postgres != null) {
      EmbeddedPostgres server = postgres;
      started.add(new Started(component("postgres"), server::pid));
      Instant begin = Instant.now();
      server.start();
      state.record("postgres", server.pid(), server.port());
      ready("postgres", server.pid(), begin);
    }
    if (kafka != null) {
      Instant begin = Instant.now();
      kafka.process().awaitReady(KAFKA_STARTUP);
      ready("kafka", kafka.pid(), begin);
    }
    Instant servicesBegin = Instant.now();
    for (Component component : toStart) {
      if (!component.isService()) {
        continue;
      }
      Path jar = ServiceProcess.quarkusRunJar(repositoryRoot, component.module());
      AotCache.Mode aot = AotCache.modeFor(jar, Runtime.version().feature());
      if (aot == AotCache.Mode.TRAIN) {
        out.printf(
            "%-9s trains its AOT cache in this run; it is written when the service stops%n",
            component.name());
      }
      ServiceProcess service =
          ServiceProcess.builder(component.name(), jar)
              .addJavaOptions(AotCache.options(aot, jar))
              .port(component.port())
              .environment(serviceEnvironment(component, ports, keys))
              .logFile(state.logFile(component.name()))
              .detached(true)
              .startupTimeout(SERVICE_STARTUP)
              .build();
      service.process().spawn();
      started.add(new Started(component, service::pid));
      state.record(component.name(), service.pid(), service.port());
      services.add(service);
    }
    awaitServices(services, servicesBegin);
  }

  /** Waits for all services at once, so that one that dies is reported at once. */
  private void awaitServices(List<ServiceProcess> services, Instant begin) {
    List<ServiceProcess> waiting = new ArrayList<>(services);
    Instant deadline = begin.plus(SERVICE_STARTUP);
    while (!waiting.isEmpty()) {
      for (ServiceProcess service : List.copyOf(waiting)) {
        if (service.process().pollReady()) {
          ready(service.name(), service.pid(), begin);
          waiting.remove(service);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        ServiceProcess late = waiting.get(0);
        throw new ProcessStartException(
            late.name(),
            "not ready after " + SERVICE_STARTUP.toSeconds() + " s",
            late.logFile(),
            late.process().logTail());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while waiting for the services");
      }
    }
  }

  private void ready(String name, long pid, Instant begin) {
    out.printf(
        "%-9s ready (pid %d) after %.1f s%n",
        name, pid, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
  }

  /** DEVELOPERS.md, "Service configuration". */
  private Map<String, String> serviceEnvironment(
      Component service, Map<String, Integer> ports, DevKeys keys) {
    int postgresPort = ports.get("postgres");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + ports.get("kafka"));
    env.put(
        "QUARKUS_DATASOURCE_REACTIVE_URL",
        "postgresql://localhost:" + postgresPort + "/" + service.database());
    env.put(
        "QUARKUS_DATASOURCE_JDBC_URL",
        "jdbc:postgresql://localhost:" + postgresPort + "/" + service.database());
    env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.DEFAULT_USER);
    env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgres.DEFAULT_PASSWORD);
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().orElseThrow().toString());
    env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
    return env;
  }

  private void printSummary(Map<String, Integer> ports) {
    out.println();
    out.println("The ticker stack is up:");
    for (Component component : components) {
      Integer port = ports.get(component.name());
      if (port == null) {
        continue;
      }
      switch (component.kind()) {
        case POSTGRES:
          out.printf(
              "  %-9s jdbc:postgresql://localhost:%d/{ingest,timeline,analysis}  user %s%n",
              component.name(), port, EmbeddedPostgres.DEFAULT_USER);
          break;
        case KAFKA:
          out.printf("  %-9s localhost:%d%n", component.name(), port);
          break;
        default:
          out.printf(
              "  %-9s http://localhost:%d   (OpenAPI http://localhost:%d/q/openapi)%n",
              component.name(), port, port);
      }
    }
    out.printf("Logs in %s; a token: ./ticker token editor%n", state.logs());
  }

  /** Attached mode: reports components that die, until this JVM is asked to end. */
  private void watch(List<Started> started) {
    Set<String> reported = new HashSet<>();
    try {
      while (true) {
        Thread.sleep(2000);
        for (Started component : started) {
          String name = component.component().name();
          if (!ProcessControl.isAlive(component.pid()) && reported.add(name)) {
            out.printf("%s exited; its log: %s%n", name, state.logFile(name));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopStarted(List<Started> started) {
    List<Started> snapshot = List.copyOf(started);
    if (snapshot.isEmpty()) {
      return;
    }
    out.println();
    out.println("Stopping what this command started...");
    stopInOrder(
        snapshot.stream()
            .map(s -> pidOf(s).map(pid -> new Running(s.component(), pid, s.component().port())))
            .flatMap(Optional::stream)
            .collect(Collectors.toList()));
  }

  private static Optional<Long> pidOf(Started started) {
    try {
      return Optional.of(started.pid());
    } catch (IllegalStateException e) {
      return Optional.empty(); // interrupted before it was even spawned
    }
  }

  // -------------------------------------------------------------------------------------- down

  /** Stops every component that runs: services (in parallel), then Kafka, then PostgreSQL. */
  void down() {
    List<Running> running = new ArrayList<>();
    for (Component component : components) {
      Optional<Running> found = running(component);
      if (found.isEmpty() && component.kind() == Component.Kind.POSTGRES) {
        found = postgresByItsPidFile(component);
      }
      found.ifPresentOrElse(running::add, () -> state.forget(component.name()));
    }
    if (running.isEmpty()) {
      out.println("Nothing is running.");
      return;
    }
    stopInOrder(running);
  }

  private void stopInOrder(List<Running> running) {
    List<CompletableFuture<Void>> services =
        running.stream()
            .filter(r -> r.component().isService())
            .map(r -> CompletableFuture.runAsync(() -> stop(r.component(), r.pid())))
            .collect(Collectors.toList());
    services.forEach(CompletableFuture::join);
    for (Component.Kind kind : List.of(Component.Kind.KAFKA, Component.Kind.POSTGRES)) {
      running.stream()
          .filter(r -> r.component().kind() == kind)
          .forEach(r -> stop(r.component(), r.pid()));
    }
  }

  private void stop(Component component, long pid) {
    Duration grace = component.isService() ? Duration.ofSeconds(20) : Duration.ofSeconds(30);
    if (component.isService()
        && ProcessControl.commandLine(pid).orElse("").contains("-XX:AOTCacheOutput=")) {
      // it writes its AOT cache on the way out (AotCache)
      grace = Duration.ofSeconds(AotCache.TRAINING_STOP_GRACE_SECONDS);
      out.printf("%-9s stopping: writing its AOT cache first%n", component.name());
    }
    boolean graceful = ProcessControl.terminate(pid, component.stopSignal(), grace);
    state.forget(component.name());
    out.printf(
        "%-9s %s (pid %d)%n",
        component.name(), graceful ? "stopped" : "killed after " + grace.toSeconds() + " s", pid);
  }

  /**
   * PostgreSQL's own {@code postmaster.pid} is authoritative when ours is missing (e.g. the
   * launcher was killed between spawning the server and recording it).
   */
  private Optional<Running> postgresByItsPidFile(Component component) {
    Path pidFile = state.postgresData().resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      long pid = Long.parseLong(lines.get(0).trim());
      int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : component.port();
      return isOurs(component, pid)
          ? Optional.of(new Running(component, pid, port))
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------------------------ status

  /** One row per component, probed in parallel. */
  List<Status> status() {
    List<CompletableFuture<Status>> rows = new ArrayList<>();
    for (Component component : components) {
      Optional<Running> running = running(component);
      if (running.isEmpty() && component.kind() == Component.Kind.POSTGRES) {
        running = postgresByItsPidFile(component);
      }
      Path log = state.logFile(component.name());
      if (running.isEmpty()) {
        rows.add(
            CompletableFuture.completedFuture(
                new Status(component.name(), null, component.port(), false, log)));
      } else {
        Running r = running.get();
        rows.add(
            CompletableFuture.supplyAsync(
                () -> new Status(component.name(), r.pid(), r.port(), isReady(r), log)));
      }
    }
    return rows.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }

  private boolean isReady(Running running) {
    switch (running.component().kind()) {
      case POSTGRES:
        return postgresAnswers(running.port());
      case KAFKA:
        return KafkaTopics.isReachable("localhost:" + running.port(), PROBE_TIMEOUT);
      default:
        return ReadinessProbe.http(
                URI.create("http://localhost:" + running.port() + "/q/health/ready"))
            .isReady();
    }
  }

  private static boolean postgresAnswers(int port) {
    try (Connection connection =
            PostgresDatabases.connect(
                "jdbc:postgresql://localhost:" + port + "/postgres",
                EmbeddedPostgres.DEFAULT_USER,
                EmbeddedPostgres.DEFAULT_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------ tokens

  /** A token signed by the stack's key ({@code .devstack/keys}, created if needed). */
  String token(List<String> roles, Duration ttl) {
    state.createDirectories();
    return DevKeys.loadOrCreate(state.keys())
        .minter()
        .token()
        .subject("dev-" + roles.get(0))
        .groups(roles)
        .ttl(ttl)
        .sign();
  }

  // ----------------------------------------------------------------------------------- helpers

  /**
   * The component's process if the recorded PID is alive and really is that component (PIDs are
   * reused); forgets a stale record.
   */
  Optional<Running> running(Component component) {
    OptionalLong pid = state.recordedPid(component.name());
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    if (!isOurs(component, pid.getAsLong())) {
      state.forget(component.name());
      return Optional.empty();
    }
    int port = state.recordedPort(component.name()).orElse(component.port());
    return Optional.of(new Running(component, pid.getAsLong(), port));
  }

  /** Whether {@code pid} is alive and its command line is that of {@code component}. */
  private boolean isOurs(Component component, long pid) {
    if (!ProcessControl.isAlive(pid)) {
      return false;
    }
    Optional<String> commandLine = ProcessControl.commandLine(pid);
    if (commandLine.isEmpty()) {
      return !Files.isDirectory(Path.of("/proc/self")); // without /proc, trust the record
    }
    String expected =
        component.kind() == Component.Kind.POSTGRES
            ? state.postgresData().toString()
            : "-D" + ServiceProcess.COMPONENT_PROPERTY + "=" + component.name();
    return commandLine.get().contains(expected);
  }

  private Component component(String name) {
    return components.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name));
  }

  /** A problem the user can fix (a taken port, a missing build); exit code 1, no stack trace. */
  static final class StackException extends RuntimeException {
    StackException(String message) {
      super(message);
    }
  }
}
