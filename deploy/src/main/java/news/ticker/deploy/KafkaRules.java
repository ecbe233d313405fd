package news.ticker.deploy;

import static news.ticker.deploy.ManifestIndex.fromSecret;
import static news.ticker.deploy.ManifestIndex.intConfig;
import static news.ticker.deploy.ManifestIndex.integer;
import static news.ticker.deploy.ManifestIndex.spec;
import static news.ticker.deploy.ManifestIndex.stream;
import static news.ticker.deploy.ManifestIndex.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import news.ticker.events.Topics;

/**
 * The one Strimzi Kafka: topics only created explicitly (each with the event contract's {@link
 * Topics#PARTITIONS}, an explicit cleanup policy and a sound min.insync.replicas), an internal
 * listener for the services that their bootstrap address names and whose networkPolicyPeers are the
 * services, clients' settings that match that listener (protocol, the brokers' CA, SCRAM with a
 * KafkaUser of their own), the cluster label on what belongs to it, and the replication an overlay
 * asks for ({@link #replication}).
 */
final class KafkaRules {

  /** The one Kafka authentication the services support (KafkaUser and listener). */
  static final String SCRAM = "scram-sha-512";

  private static final TypeReference<List<NetworkPolicyPeer>> PEERS = new TypeReference<>() {};

  private final ManifestIndex index;

  KafkaRules(ManifestIndex index) {
    this.index = index;
  }

  void check() {
    if (index.kafkas.size() != 1) {
      index.problem("expected exactly one Strimzi Kafka, found " + index.kafkas.size());
      return;
    }
    Manifest km = index.kafkas.get(0);
    JsonNode kafka = spec(km).path("kafka");
    JsonNode autoCreate = kafka.path("config").path("auto.create.topics.enable");
    if (!autoCreate.isValueNode() || !"false".equals(autoCreate.asText())) {
      index.problem(
          km, "config auto.create.topics.enable must be false (topics are created explicitly)");
    }
    Optional<JsonNode> listener = servicesListener(index, km);
    if (listener.isEmpty()) {
      index.problem(km, "needs an internal listener for the services");
    } else {
      String name = listener.get().path("name").asText();
      expectSetting(km, "KAFKA_BOOTSTRAP_SERVERS", bootstrap(km, listener.get()));
      List<NetworkPolicyPeer> peers =
          ManifestIndex.READ.convertValue(listener.get().path("networkPolicyPeers"), PEERS);
      if (peers == null || peers.isEmpty()) {
        index.problem(
            km, "listener " + name + " needs networkPolicyPeers (else Strimzi opens it to all)");
      } else {
        new NetworkPolicyRules(index).peers(km, "listener " + name, peers, Map.of());
      }
      clients(km, listener.get());
    }
    for (Manifest topic : index.topics) {
      if (!km.name().equals(topic.labels().get("strimzi.io/cluster"))) {
        index.problem(topic, "label strimzi.io/cluster must name the Kafka " + km.name());
      }
      Integer partitions = integer(spec(topic).path("partitions"));
      if (partitions == null || partitions != Topics.PARTITIONS) {
        index.problem(topic, "must have " + Topics.PARTITIONS + " partitions");
      }
      Integer replicas = integer(spec(topic).path("replicas"));
      int minIsr = intConfig(spec(topic).path("config"), "min.insync.replicas", -1);
      if (minIsr < 1 || minIsr > (replicas == null ? 0 : replicas)) {
        index.problem(
            topic,
            "min.insync.replicas must be set, at least 1 and at most the replication factor");
      }
      String policy = text(spec(topic).path("config").path("cleanup.policy"));
      if (!"delete".equals(policy) && !"compact".equals(policy)) {
        index.problem(topic, "cleanup.policy must be explicit: delete or compact");
      }
    }
    for (Manifest owned : Stream.concat(index.nodePools.stream(), index.users.stream()).toList()) {
      if (!km.name().equals(owned.labels().get("strimzi.io/cluster"))) {
        index.problem(owned, "label strimzi.io/cluster must name the Kafka " + km.name());
      }
    }
  }

  /**
   * The internal listener the services connect to: the one their KAFKA_BOOTSTRAP_SERVERS names,
   * else the first plain one, else the first.
   */
  static Optional<JsonNode> servicesListener(ManifestIndex index, Manifest km) {
    List<JsonNode> internal =
        stream(spec(km).path("kafka").path("listeners"))
            .filter(l -> "internal".equals(text(l.path("type"))))
            .toList();
    String used =
        index.deployments.values().stream()
            .map(d -> index.setting(d, "KAFKA_BOOTSTRAP_SERVERS"))
            .filter(Objects::nonNull)
            .findFirst()
            .orElse("");
    return internal.stream()
        .filter(l -> bootstrap(km, l).equals(used))
        .findFirst()
        .or(() -> internal.stream().filter(l -> !l.path("tls").asBoolean(false)).findFirst())
        .or(() -> internal.stream().findFirst());
  }

  private static String bootstrap(Manifest km, JsonNode listener) {
    return km.name() + "-kafka-bootstrap:" + listener.path("port").asInt();
  }

  /**
   * The services' Kafka client settings match their listener: security protocol, the brokers' CA
   * certificate for TLS, and for SCRAM the mechanism and a login of their own KafkaUser.
   */
  private void clients(Manifest km, JsonNode listener) {
    String name = listener.path("name").asText();
    boolean tls = listener.path("tls").asBoolean(false);
    String authentication = text(listener.path("authentication").path("type"));
    if (authentication != null && !SCRAM.equals(authentication)) {
      index.problem(
          km,
          "listener "
              + name
              + ": authentication "
              + authentication
              + " is not one the services log in with ("
              + SCRAM
              + ")");
      return;
    }
    boolean scram = SCRAM.equals(authentication);
    String protocol = (scram ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
    String because = " (listener " + name + " of " + km.where() + ")";
    Map<String, List<String>> logins = index.generatedSecrets();
    Set<String> taken = new HashSet<>();
    for (Map.Entry<Manifest, Deployment> e : index.deployments.entrySet()) {
      Deployment d = e.getValue();
      String actual =
          Objects.requireNonNullElse(index.setting(d, "KAFKA_SECURITY_PROTOCOL"), "PLAINTEXT");
      if (!protocol.equals(actual)) {
        index.problem(
            e.getKey(),
            "KAFKA_SECURITY_PROTOCOL is " + actual + ", expected " + protocol + because);
      }
      String caSecret = km.name() + "-cluster-ca-cert";
      if (tls && !fromSecret(d, index.setting(d, "KAFKA_SSL_TRUSTSTORE_LOCATION"), caSecret)) {
        index.problem(
            e.getKey(),
            "KAFKA_SSL_TRUSTSTORE_LOCATION must name ca.crt of a volume of Secret "
                + caSecret
                + ", the brokers' CA"
                + because);
      }
      if (!scram) {
        continue;
      }
      if (!"SCRAM-SHA-512".equals(index.setting(d, "KAFKA_SASL_MECHANISM"))) {
        index.problem(e.getKey(), "KAFKA_SASL_MECHANISM must be SCRAM-SHA-512" + because);
      }
      var login =
          d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
              .filter(env -> env.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
              .map(EnvVar::getValueFrom)
              .filter(from -> from != null && from.getSecretKeyRef() != null)
              .map(from -> from.getSecretKeyRef())
              .findFirst();
      if (login.isEmpty()
          || !"sasl.jaas.config".equals(login.get().getKey())
          || !logins.getOrDefault(login.get().getName(), List.of()).contains("sasl.jaas.config")) {
        index.problem(
            e.getKey(),
            "KAFKA_SASL_JAAS_CONFIG must come from key sasl.jaas.config of a SCRAM KafkaUser's"
                + " Secret"
                + because);
      } else if (!taken.add(login.get().getName())) {
        index.problem(
            e.getKey(),
            "shares KafkaUser "
                + login.get().getName()
                + " with another service (one KafkaUser per service)");
      }
    }
  }

  /**
   * Broker defaults and every topic: this replication factor and min.insync.replicas, within the
   * broker count.
   */
  void replication(int replication, int minIsr) {
    for (Manifest kafka : index.kafkas) {
      JsonNode config = spec(kafka).path("kafka").path("config");
      Map<String, Integer> expected =
          Map.of(
              "default.replication.factor", replication,
              "offsets.topic.replication.factor", replication,
              "transaction.state.log.replication.factor", replication,
              "min.insync.replicas", minIsr,
              "transaction.state.log.min.isr", minIsr);
      for (Map.Entry<String, Integer> x : expected.entrySet()) {
        if (intConfig(config, x.getKey(), -1) != x.getValue()) {
          index.problem(kafka, "config " + x.getKey() + " must be " + x.getValue());
        }
      }
    }
    for (Manifest topic : index.topics) {
      if (!Objects.equals(integer(spec(topic).path("replicas")), replication)
          || intConfig(spec(topic).path("config"), "min.insync.replicas", -1) != minIsr) {
        index.problem(
            topic, "must have replicas " + replication + " and min.insync.replicas " + minIsr);
      }
    }
  }

  /** Every Deployment that sets a variable (through its ConfigMaps) must set it to this value. */
  private void expectSetting(Manifest owner, String variable, String expected) {
    for (Map.Entry<Manifest, Deployment> d : index.deployments.entrySet()) {
      String actual = index.setting(d.getValue(), variable);
      if (!expected.equals(actual)) {
        index.problem(
            d.getKey(),
            variable
                + " is "
                + actual
                + ", expected "
                + expected
                + " (from "
                + owner.where()
                + ")");
      }
    }
  }
}
