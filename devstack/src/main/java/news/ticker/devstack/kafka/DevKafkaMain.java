package news.ticker.devstack.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import news.ticker.devstack.internal.DevLogging;
import news.ticker.devstack.process.ProcessControl;

/**
 * Runs an {@link EmbeddedKafka} as a process of its own, until SIGTERM (or SIGINT), which stops the
 * broker cleanly through a shutdown hook. Used by {@code ./ticker up} and {@link KafkaProcess}.
 *
 * <p>Usage: {@code DevKafkaMain <port> <data-dir> [<controller-port>]}; a port of 0 picks a free
 * one. Exits with 1 if the broker does not start.
 */
public final class DevKafkaMain {

  /**
   * System property with the PID of the JVM this broker belongs to; when that process ends, the
   * broker stops too. Set for attached brokers (tests), not for {@code ./ticker up}'s.
   */
  public static final String PARENT_PID_PROPERTY = "ticker.devstack.parent-pid";

  /**
   * Environment variable with the superuser's SCRAM password: when set, the broker authenticates
   * its clients and enforces ACLs ({@link EmbeddedKafka.Builder#scram}). An environment variable,
   * not an argument, so that it does not show in the process list.
   */
  public static final String SCRAM_ADMIN_PASSWORD_ENV = "TICKER_KAFKA_SCRAM_ADMIN_PASSWORD";

  private DevKafkaMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: DevKafkaMain <port> <data-dir> [<controller-port>]");
      System.exit(2);
    }
    // Kafka's own INFO logging is ~800 lines per start; its warnings and errors are what matter
    // here.
    DevLogging.configure(Level.WARNING, Level.INFO);
    EmbeddedKafka.Builder builder =
        EmbeddedKafka.builder()
            .port(Integer.parseInt(args[0]))
            .dataDir(Path.of(args[1]))
            .controllerPort(args.length == 3 ? Integer.parseInt(args[2]) : 0);
    String adminPassword = System.getenv(SCRAM_ADMIN_PASSWORD_ENV);
    if (adminPassword != null && !adminPassword.isEmpty()) {
      builder.scram(new ScramCredentials(ScramCredentials.ADMIN, adminPassword));
    }
    EmbeddedKafka kafka = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.stop();
                  stopped.countDown();
                },
                "stop-kafka"));
    try {
      kafka.start();
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1); // the hook's stop() is a no-op for a broker that did not start
    }
    System.out.println("Kafka ready at " + kafka.bootstrapServers());
    exitWithParent();
    stopped.await();
  }

  private static void exitWithParent() {
    String parent = System.getProperty(PARENT_PID_PROPERTY);
    if (parent == null) {
      return;
    }
    long parentPid = Long.parseLong(parent);
    // Polls rather than ProcessHandle.onExit(): a SIGKILLed parent may linger as a zombie.
    Thread watchdog =
        new Thread(
            () -> {
              while (ProcessControl.isAlive(parentPid)) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.out.println("Parent process " + parentPid + " ended; stopping");
              System.exit(0);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
