package news.ticker.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.ticker.devstack.DevStack;
import news.ticker.devstack.kafka.KafkaProcess;
import news.ticker.devstack.process.ServiceProcess;

/**
 * The whole system as real processes: Kafka (a child JVM that can be stopped and restarted),
 * PostgreSQL, and the packaged services started from their {@code quarkus-run.jar}. One per test
 * JVM, started on first use and shut down when the JVM exits, so the system tests share the cost of
 * starting it; tests that need more replicas start them with {@link #startService}.
 */
final class SystemStack {

  private static SystemStack instance;

  final DevStack devstack;
  final ServiceProcess ingest;
  final ServiceProcess timeline;
  final ServiceProcess analysis;

  private SystemStack() {
    // The broker authenticates and authorizes as production's does: each service logs in as its
    // own user, with exactly the ACLs that events' KafkaAccess declares, so a client the
    // declaration forgot (a relay, the live follower, a rebuild, a dead-letter producer) fails
    // these tests.
    DevStack.Builder builder =
        DevStack.builder()
            .kafkaMode(DevStack.KafkaMode.PROCESS)
            .kafkaJavaOptions(KafkaProcess.TEST_JAVA_OPTIONS)
            .kafkaAuthorization(true);
    String keep = System.getProperty("ticker.systemtests.workdir");
    if (keep != null && !keep.isBlank()) {
      // To read the services' logs after a run: kept, not deleted (one directory per test JVM).
      builder.workDir(Path.of(keep).resolve(Long.toString(ProcessHandle.current().pid())));
    }
    devstack = builder.start();
    // The three services start side by side: each mostly waits (for the broker, the database, its
    // own readiness), and one after the other their start-ups added up in every verify.
    ExecutorService starter = Executors.newFixedThreadPool(3);
    List<Future<ServiceProcess>> starting;
    try {
      starting =
          List.of(
              starter.submit(() -> startService("ingest", "ingest-service", "ingest")),
              // KillDuringRebuildIT starts a rebuild again once the killed one's heartbeat is
              // stale.
              starter.submit(
                  () ->
                      startService(
                          "timeline",
                          "timeline-service",
                          "timeline",
                          "TICKER_TIMELINE_REBUILD_HEARTBEAT_TIMEOUT",
                          "5s")),
              starter.submit(() -> startService("analysis", "analysis-service", "analysis")));
    } finally {
      starter.shutdown();
    }
    List<ServiceProcess> started = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<ServiceProcess> service : starting) {
      try {
        started.add(service.get());
      } catch (ExecutionException | InterruptedException e) {
        if (failure == null) {
          failure = new IllegalStateException("a service of the system stack did not start", e);
        }
      }
    }
    if (failure != null) {
      started.forEach(ServiceProcess::close);
      devstack.close();
      throw failure;
    }
    ingest = started.get(0);
    timeline = started.get(1);
    analysis = started.get(2);
  }

  static synchronized SystemStack get() {
    if (instance == null) {
      instance = new SystemStack();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "system-stack-shutdown"));
    }
    return instance;
  }

  /** Another process of a service, on its own port, sharing the stack's Kafka and PostgreSQL. */
  ServiceProcess startService(String name, String module, String database, String... env) {
    ServiceProcess.Builder builder =
        devstack
            .service(name, ServiceProcess.quarkusRunJar(repoRoot(), module), database)
            // C1 only, as the tests' own JVMs: these services live for minutes, not for speed.
            .javaOptions("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
            .startupTimeout(Duration.ofSeconds(120))
            .environment(devstack.kafkaLogin(module.replace("-service", "")));
    for (int i = 0; i + 1 < env.length; i += 2) {
      builder.environment(env[i], env[i + 1]);
    }
    return builder.start();
  }

  String bearer(String role) {
    return devstack.bearer(role);
  }

  /** A test's own Kafka clients: the bootstrap servers and the superuser's login. */
  Map<String, Object> kafkaClient() {
    return devstack.kafka().adminClientProperties();
  }

  static Path repoRoot() {
    String root = System.getProperty("ticker.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  private void close() {
    for (ServiceProcess service : new ServiceProcess[] {analysis, timeline, ingest}) {
      if (service != null) {
        service.close();
      }
    }
    devstack.close();
  }
}
