package news.ticker.devstack.kafka;

import java.util.Map;

/**
 * A single-node Kafka broker of the dev stack, either {@linkplain EmbeddedKafka in this JVM} or
 * {@linkplain KafkaProcess as a child JVM}. Port and data directory are fixed when it is built, so
 * {@link #stop()} then {@link #start()} brings back the same broker with all its records.
 */
public interface KafkaBroker extends AutoCloseable {

  /** Starts the broker (formats its data directory first if needed) and creates missing topics. */
  KafkaBroker start();

  /** Clean shutdown; the data directory is kept. A no-op if it is not running. */
  void stop();

  /**
   * A crash: SIGKILL of the broker's process. Only a {@link KafkaProcess} can do that; an in-JVM
   * broker throws {@link UnsupportedOperationException}.
   */
  default void kill() {
    throw new UnsupportedOperationException(
        "an in-JVM broker cannot be killed; use a KafkaProcess (DevStack.KafkaMode.PROCESS)");
  }

  boolean isRunning();

  /** {@code localhost:<port>}. */
  String bootstrapServers();

  int port();

  /**
   * What an admin client needs to reach this broker as its superuser: the bootstrap servers, and
   * the SCRAM login of {@link ScramCredentials#ADMIN} if the broker authenticates its clients.
   */
  default Map<String, Object> adminClientProperties() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  /** Stops the broker; see the implementations for what happens to their data. */
  @Override
  void close();
}
