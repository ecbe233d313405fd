package news.ticker.devstack.kafka;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A SCRAM-SHA-512 user of a broker that authenticates its clients ({@link
 * EmbeddedKafka.Builder#scram}), and the client settings that log in as it. Passwords are generated
 * per stack and never written to the repository; {@link #toString()} does not show them.
 */
public record ScramCredentials(String user, String password) {

  /** The only SASL mechanism the dev broker enables, as Strimzi's {@code scram-sha-512}. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  /** The broker's superuser: creates topics, users and ACLs. */
  public static final String ADMIN = "admin";

  private static final SecureRandom RANDOM = new SecureRandom();

  public ScramCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!user.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9_-]+")) {
      // Both end up inside a JAAS line and StorageTool's --add-scram argument, unquoted there.
      throw new IllegalArgumentException("user and password must be plain tokens");
    }
  }

  /** A user with a fresh random password. */
  public static ScramCredentials generate(String user) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return new ScramCredentials(
        user, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The JAAS line that logs in as this user. */
  public String jaasConfig() {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * Client settings (besides the bootstrap servers) of a Kafka client that logs in as this user.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
    return props;
  }

  /**
   * The same settings as a Quarkus service reads them from its environment ({@code kafka.*}, which
   * every channel and raw client of the services takes from {@code default-kafka-broker}).
   */
  public Map<String, String> serviceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    env.put("KAFKA_SASL_MECHANISM", MECHANISM);
    env.put("KAFKA_SASL_JAAS_CONFIG", jaasConfig());
    return env;
  }

  /**
   * A client's settings for {@code bootstrapServers}: with {@code user}'s login if not null (a
   * broker that authenticates), without one otherwise.
   */
  public static Map<String, Object> client(String bootstrapServers, ScramCredentials user) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (user != null) {
      props.putAll(user.clientProperties());
    }
    return props;
  }

  @Override
  public String toString() {
    return "ScramCredentials[" + user + "]";
  }
}
