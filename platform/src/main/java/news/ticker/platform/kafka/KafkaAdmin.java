package news.ticker.platform.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The service's one Kafka admin client, for the wellness checks (brokers, consumer lag). Made on
 * first use, not at startup: a service starts and serves without Kafka. It is configured like the
 * service's channels, from the {@code default-kafka-broker} configuration (bootstrap servers and,
 * in production, SCRAM over TLS), keeping only what an admin client understands, with short
 * timeouts so that a health check answers in time.
 */
@ApplicationScoped
public class KafkaAdmin {

  static final int REQUEST_TIMEOUT_MS = 2_000;
  static final int API_TIMEOUT_MS = 3_000;

  private final Map<String, Object> kafkaConfig;
  private volatile Admin client;

  @Inject
  public KafkaAdmin(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.kafkaConfig = kafkaConfig;
  }

  /** The admin client, made on the first call and shared by every later one. */
  public Admin client() {
    Admin made = client;
    if (made == null) {
      synchronized (this) {
        made = client;
        if (made == null) {
          made = Admin.create(adminConfig(kafkaConfig));
          client = made;
        }
      }
    }
    return made;
  }

  /**
   * The admin client's configuration: the entries of {@code kafkaConfig} that are admin client
   * settings (bootstrap servers, security protocol, SASL and TLS settings, client id), and the
   * timeouts of a health check.
   */
  static Map<String, Object> adminConfig(Map<String, Object> kafkaConfig) {
    Map<String, Object> props = KafkaClients.only(kafkaConfig, AdminClientConfig.configNames());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
    return props;
  }

  /** Closes the client, if one was made; the container does it when the service stops. */
  @PreDestroy
  public void close() {
    Admin made = client;
    if (made != null) {
      made.close();
    }
  }
}
