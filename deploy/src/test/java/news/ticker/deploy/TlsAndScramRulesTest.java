package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The rules for services that reach Kafka over TLS with SCRAM logins (one KafkaUser each) and
 * PostgreSQL over verified TLS, as the production overlay does: the base, secured that way here,
 * and then broken in one place at a time.
 */
class TlsAndScramRulesTest {

  private static final String CONTAINER = "/spec/template/spec/containers/0";
  private static final String KAFKA_CA = "/etc/ticker/kafka-ca/ca.crt";
  private static final String PG_CA = "/etc/ticker/postgres-ca/ca.crt";

  /** The base with a TLS + SCRAM listener, a KafkaUser per service and verified PostgreSQL TLS. */
  private static List<Manifest> secured() {
    List<Manifest> all = new ArrayList<>(Repo.copy(Repo.sources(Repo.BASE)));
    ObjectNode kafka =
        (ObjectNode) Repo.find(all, "Kafka", "ticker-kafka").node().at("/spec/kafka");
    ObjectNode listener = (ObjectNode) kafka.at("/listeners/0");
    listener.put("name", "tls").put("port", 9093).put("tls", true);
    listener.putObject("authentication").put("type", "scram-sha-512");
    kafka.putObject("authorization").put("type", "simple");
    ((ObjectNode)
            Repo.find(all, "NetworkPolicy", "ticker-kafka-clients")
                .node()
                .at("/spec/ingress/0/ports/0"))
        .put("port", 9093);
    Repo.at(Repo.find(all, "ConfigMap", "ticker-common"), "/data")
        .put("KAFKA_BOOTSTRAP_SERVERS", "ticker-kafka-kafka-bootstrap:9093")
        .put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
        .put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
        .put("KAFKA_SSL_TRUSTSTORE_LOCATION", KAFKA_CA)
        .put("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full")
        .put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "true")
        .put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", PG_CA);
    for (String service : Repo.SERVICES) {
      String user = "ticker-" + service.replace("-service", "");
      all.addAll(
          Yaml.manifests(
              "test",
              """
              apiVersion: kafka.strimzi.io/v1
              kind: KafkaUser
              metadata:
                name: %s
                labels: {strimzi.io/cluster: ticker-kafka}
              spec:
                authentication: {type: scram-sha-512}
              """
                  .formatted(user)));
      ObjectNode data = Repo.at(Repo.find(all, "ConfigMap", service + "-config"), "/data");
      data.put(
          "QUARKUS_DATASOURCE_JDBC_URL",
          data.get("QUARKUS_DATASOURCE_JDBC_URL").asText()
              + "?sslmode=verify-full&sslrootcert="
              + PG_CA);
      Manifest d = Repo.find(all, "Deployment", service);
      ObjectNode jaas = ((ArrayNode) d.node().at(CONTAINER + "/env")).addObject();
      jaas.put("name", "KAFKA_SASL_JAAS_CONFIG");
      jaas.putObject("valueFrom")
          .putObject("secretKeyRef")
          .put("name", user)
          .put("key", "sasl.jaas.config");
      ArrayNode mounts = (ArrayNode) d.node().at(CONTAINER + "/volumeMounts");
      ArrayNode volumes = (ArrayNode) d.node().at("/spec/template/spec/volumes");
      for (String[] ca :
          List.of(
              new String[] {"kafka-ca", "/etc/ticker/kafka-ca", "ticker-kafka-cluster-ca-cert"},
              new String[] {"postgres-ca", "/etc/ticker/postgres-ca", "ticker-pg-ca"})) {
        mounts.addObject().put("name", ca[0]).put("mountPath", ca[1]).put("readOnly", true);
        ObjectNode secret = volumes.addObject().put("name", ca[0]).putObject("secret");
        secret.put("secretName", ca[2]);
        secret.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
      }
    }
    return all;
  }

  private static List<String> securedWith(String kind, String name, Consumer<Manifest> change) {
    List<Manifest> all = secured();
    change.accept(Repo.find(all, kind, name));
    return ManifestRules.check(all, ManifestRules.Profile.BASE);
  }

  private static List<String> commonWith(Consumer<ObjectNode> change) {
    return securedWith("ConfigMap", "ticker-common", cm -> change.accept(Repo.at(cm, "/data")));
  }

  @Test
  void theSecuredBasePasses() {
    assertThat(ManifestRules.check(secured(), ManifestRules.Profile.BASE)).isEmpty();
  }

  @Test
  void theClientsSpeakTheListenersProtocol() {
    assertThat(commonWith(data -> data.remove("KAFKA_SECURITY_PROTOCOL")))
        .anyMatch(
            p ->
                p.contains(
                    "Deployment/ingest-service: KAFKA_SECURITY_PROTOCOL is PLAINTEXT,"
                        + " expected SASL_SSL (listener tls of "));
    assertThat(commonWith(data -> data.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-256")))
        .anyMatch(p -> p.contains("KAFKA_SASL_MECHANISM must be SCRAM-SHA-512"));
    assertThat(
            commonWith(
                data -> data.put("KAFKA_BOOTSTRAP_SERVERS", "ticker-kafka-kafka-bootstrap:9092")))
        .anyMatch(
            p ->
                p.contains(
                    "KAFKA_BOOTSTRAP_SERVERS is ticker-kafka-kafka-bootstrap:9092, expected"
                        + " ticker-kafka-kafka-bootstrap:9093"));
  }

  @Test
  void theClientsVerifyTheBrokersWithTheClusterCa() {
    assertThat(commonWith(data -> data.put("KAFKA_SSL_TRUSTSTORE_LOCATION", "/tmp/ca.crt")))
        .anyMatch(
            p ->
                p.contains(
                    "KAFKA_SSL_TRUSTSTORE_LOCATION must name ca.crt of a volume of Secret"
                        + " ticker-kafka-cluster-ca-cert"));
  }

  @Test
  void eachServiceLogsInAsItsOwnKafkaUser() {
    assertThat(
            securedWith(
                "Deployment",
                "timeline-service",
                d ->
                    ((ObjectNode) d.node().at(CONTAINER + "/env/2/valueFrom/secretKeyRef"))
                        .put("name", "ticker-ingest")))
        .anyMatch(p -> p.contains("shares KafkaUser ticker-ingest with another service"));
    assertThat(
            securedWith(
                "Deployment",
                "timeline-service",
                d ->
                    ((ObjectNode) d.node().at(CONTAINER + "/env/2/valueFrom/secretKeyRef"))
                        .put("key", "password")))
        .anyMatch(
            p ->
                p.contains(
                    "Deployment/timeline-service: KAFKA_SASL_JAAS_CONFIG must come from key"
                        + " sasl.jaas.config"));
    assertThat(
            securedWith(
                "Deployment",
                "timeline-service",
                d -> {
                  ObjectNode jaas = (ObjectNode) d.node().at(CONTAINER + "/env/2");
                  jaas.remove("valueFrom");
                  jaas.put("value", "org.apache.kafka.common.security.scram.ScramLoginModule");
                }))
        .anyMatch(
            p -> p.contains("credential KAFKA_SASL_JAAS_CONFIG must come from a secretKeyRef"));
    assertThat(
            securedWith(
                "KafkaUser",
                "ticker-analysis",
                u -> Repo.at(u, "/spec/authentication").put("type", "tls")))
        .anyMatch(
            p ->
                p.contains(
                    "KAFKA_SASL_JAAS_CONFIG reads Secret ticker-analysis, which no CloudNativePG"
                        + " Cluster here generates, nor a KafkaUser"));
  }

  @Test
  void onlyTheCaCertificatesOfTheOperatorsMayBeMounted() {
    assertThat(
            securedWith(
                "Deployment",
                "ingest-service",
                d ->
                    ((ObjectNode) d.node().at("/spec/template/spec/volumes/2/secret"))
                        .remove("items")))
        .anyMatch(
            p ->
                p.contains("Deployment/ingest-service: volume postgres-ca mounts a Secret")
                    && p.contains("only the key ca.crt"));
    assertThat(
            securedWith(
                "Deployment",
                "ingest-service",
                d ->
                    ((ObjectNode) d.node().at("/spec/template/spec/volumes/2/secret"))
                        .put("secretName", "ticker-pg-app")))
        .anyMatch(p -> p.contains("volume postgres-ca mounts a Secret"));
  }

  @Test
  void theKafkaNetworkPolicyOpensTheServicesListener() {
    assertThat(
            securedWith(
                "NetworkPolicy",
                "ticker-kafka-clients",
                np -> ((ObjectNode) np.node().at("/spec/ingress/0/ports/0")).put("port", 9092)))
        .anyMatch(p -> p.contains("its NetworkPolicy does not let ingest-service reach port 9093"));
  }

  @Test
  void bothDatasourcesVerifyPostgresAgainstItsCa() {
    assertThat(commonWith(data -> data.remove("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE")))
        .anyMatch(
            p ->
                p.contains(
                    "the JDBC (sslmode verify-full) and reactive"
                        + " (QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE null) datasources use"
                        + " different TLS modes"));
    assertThat(
            commonWith(
                data ->
                    data.put(
                        "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS",
                        "/etc/ticker/kafka-ca/ca.crt")))
        .anyMatch(p -> p.contains("sslmode verify-full needs") && p.contains("ticker-pg-ca"));
    assertThat(
            securedWith(
                "ConfigMap",
                "analysis-service-config",
                cm ->
                    Repo.at(cm, "/data")
                        .put(
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            "jdbc:postgresql://ticker-pg-rw:5432/ingest?sslmode=verify-full")))
        .anyMatch(
            p ->
                p.contains(
                    "Deployment/analysis-service: the JDBC and reactive datasource URLs name"
                        + " different databases"));
  }
}
