package news.ticker.platform.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kafka reachability as a wellness check, not readiness: without Kafka a service still accepts
 * writes (outbox) and serves reads (read model), so taking it out of the load balancer would only
 * make things worse.
 */
@Wellness
@ApplicationScoped
public class KafkaWellness implements HealthCheck {

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private volatile AdminClient admin;

  @Override
  public HealthCheckResponse call() {
    try {
      int nodes =
          admin()
              .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
              .nodes()
              .get(3, TimeUnit.SECONDS)
              .size();
      return HealthCheckResponse.named("kafka").up().withData("brokers", nodes).build();
    } catch (Exception e) {
      return HealthCheckResponse.named("kafka")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }

  private AdminClient admin() {
    if (admin == null) {
      synchronized (this) {
        if (admin == null) {
          Map<String, Object> props = new HashMap<>();
          kafkaConfig.forEach(
              (k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                  props.put(k, v);
                }
              });
          props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
          props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
          admin = AdminClient.create(props);
        }
      }
    }
    return admin;
  }

  @PreDestroy
  void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
