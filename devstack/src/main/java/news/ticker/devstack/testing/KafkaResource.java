package news.ticker.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The Kafka broker for a service under test, one per test JVM, with every topic of the contract.
 * Where it comes from: {@code KAFKA_BOOTSTRAP_SERVERS} if set, else a Testcontainers broker if a
 * Docker engine answers, else an embedded broker on ephemeral ports (see {@link BackendChoice}).
 *
 * <p>Returns {@code kafka.bootstrap.servers} and {@code KAFKA_BOOTSTRAP_SERVERS} (the latter for
 * configuration that reads {@code ${KAFKA_BOOTSTRAP_SERVERS:...}}).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String servers = SharedKafka.bootstrapServers();
    return Map.of("kafka.bootstrap.servers", servers, "KAFKA_BOOTSTRAP_SERVERS", servers);
  }

  @Override
  public void stop() {
    // One broker per JVM, shared by all test classes; a shutdown hook stops it.
  }
}
