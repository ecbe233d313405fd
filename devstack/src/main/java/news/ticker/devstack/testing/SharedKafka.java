package news.ticker.devstack.testing;

import java.time.Duration;
import java.util.Map;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.devstack.kafka.KafkaProcess;
import news.ticker.devstack.kafka.KafkaTopics;
import news.ticker.events.Topics;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one Kafka broker of a test JVM, chosen by {@link BackendChoice}; every topic of the contract
 * exists on it. Stopped by a JVM shutdown hook, never by a test class.
 *
 * <p>The embedded broker runs in a child JVM ({@link KafkaProcess}), not in the test JVM: Quarkus
 * closes the class loader of a test application when it restarts the application, and a broker
 * whose classes came from a closed loader fails as soon as it loads another class.
 */
final class SharedKafka {

  static final String BOOTSTRAP_PROPERTY = "ticker.devstack.test.kafka.bootstrap-servers";
  static final String EXTERNAL_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
  static final String IMAGE_VARIABLE = "TICKER_TEST_KAFKA_IMAGE";

  private SharedKafka() {}

  static String bootstrapServers() {
    synchronized (JvmWide.KAFKA) {
      String known = System.getProperty(BOOTSTRAP_PROPERTY);
      if (known != null) {
        return known;
      }
      OwnedTempDirs.sweepOrphans(); // servers of earlier test JVMs that were SIGKILLed
      Map<String, String> env = System.getenv();
      Backend backend =
          BackendChoice.choose(env, EXTERNAL_VARIABLE, DockerProbe::isDockerAvailable);
      String servers;
      switch (backend) {
        case EXTERNAL:
          servers = env.get(EXTERNAL_VARIABLE).trim();
          break;
        case TESTCONTAINERS:
          servers = startContainer(env);
          break;
        default:
          servers = startEmbedded();
      }
      KafkaTopics.ensure(servers, Topics.ALL, Duration.ofSeconds(60));
      System.setProperty(BOOTSTRAP_PROPERTY, servers);
      return servers;
    }
  }

  private static String startEmbedded() {
    return StartAttempts.twice(
        "embedded Kafka",
        () -> {
          KafkaProcess kafka =
              KafkaProcess.builder()
                  .name("test-kafka")
                  .javaOptions(KafkaProcess.TEST_JAVA_OPTIONS)
                  .build();
          try {
            kafka.start();
          } catch (RuntimeException e) {
            kafka.close();
            throw e;
          }
          Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "close-test-kafka"));
          return kafka.bootstrapServers();
        });
  }

  /** Compiled, but not exercised on our machines (no Docker engine there). */
  private static String startContainer(Map<String, String> env) {
    String image = env.getOrDefault(IMAGE_VARIABLE, "apache/kafka:" + AppInfoParser.getVersion());
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse(image))
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-kafka"));
    return container.getBootstrapServers();
  }
}
