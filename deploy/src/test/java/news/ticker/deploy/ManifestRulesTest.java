package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each rule catches what it is there for: the valid base, broken in one place at a time. */
class ManifestRulesTest {

  private static final List<Manifest> BASE = Repo.sources(Repo.BASE);
  private static final String CONTAINER = "/spec/template/spec/containers/0";

  private static List<String> baseWith(String kind, String name, Consumer<Manifest> change) {
    List<Manifest> copy = Repo.copy(BASE);
    change.accept(Repo.find(copy, kind, name));
    return ManifestRules.check(copy, ManifestRules.Profile.BASE);
  }

  private static List<String> ingestWith(Consumer<Manifest> change) {
    return baseWith("Deployment", "ingest-service", change);
  }

  @Test
  void theUnchangedBasePasses() {
    assertThat(ManifestRules.check(Repo.copy(BASE), ManifestRules.Profile.BASE)).isEmpty();
  }

  @Test
  void everyProbeIsRequired() {
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      assertThat(ingestWith(d -> Repo.at(d, CONTAINER).remove(probe)))
          .as(probe)
          .anyMatch(p -> p.contains("ingest-service") && p.contains(probe));
    }
  }

  @Test
  void probesCheckTheirOwnHealthGroup() {
    assertThat(
            ingestWith(
                d ->
                    Repo.at(d, CONTAINER + "/livenessProbe/httpGet")
                        .put("path", "/q/health/ready")))
        .anyMatch(p -> p.contains("livenessProbe must check /q/health/live"));
    assertThat(
            ingestWith(d -> Repo.at(d, CONTAINER + "/readinessProbe/httpGet").put("port", "web")))
        .anyMatch(p -> p.contains("readinessProbe port web is not a port of the container"));
  }

  @Test
  void requestsAndLimitsAreRequired() {
    assertThat(ingestWith(d -> Repo.at(d, CONTAINER + "/resources").remove("limits")))
        .anyMatch(p -> p.contains("needs requests and limits for cpu"));
    assertThat(ingestWith(d -> Repo.at(d, CONTAINER + "/resources/requests").put("memory", "4Gi")))
        .anyMatch(p -> p.contains("memory request is above its limit"));
  }

  @Test
  void podsRunAsTheNonRootUser() {
    assertThat(
            ingestWith(d -> Repo.at(d, "/spec/template/spec/securityContext").put("runAsUser", 0)))
        .anyMatch(p -> p.contains("runAsNonRoot: true and runAsUser/runAsGroup 10001"));
    assertThat(
            ingestWith(
                d -> Repo.at(d, "/spec/template/spec/securityContext").put("runAsNonRoot", false)))
        .anyMatch(p -> p.contains("runAsNonRoot"));
  }

  @Test
  void containersHaveAReadOnlyRootFilesystemAndAWritableTmp() {
    assertThat(
            ingestWith(
                d ->
                    Repo.at(d, CONTAINER + "/securityContext")
                        .put("readOnlyRootFilesystem", false)))
        .anyMatch(p -> p.contains("readOnlyRootFilesystem: true"));
    assertThat(ingestWith(d -> Repo.at(d, CONTAINER).remove("volumeMounts")))
        .anyMatch(p -> p.contains("needs an emptyDir volume at /tmp"));
    assertThat(
            ingestWith(d -> Repo.at(d, CONTAINER + "/securityContext").putObject("capabilities")))
        .anyMatch(p -> p.contains("drop ALL capabilities"));
  }

  @Test
  void prometheusScrapesTheMetricsPort() {
    assertThat(
            ingestWith(
                d ->
                    Repo.at(d, "/spec/template/metadata/annotations")
                        .put("prometheus.io/port", "9000")))
        .anyMatch(p -> p.contains("prometheus.io/port of the http port"));
  }

  @Test
  void credentialsComeOnlyFromSecretKeyRefs() {
    assertThat(
            ingestWith(
                d -> {
                  ArrayNode env = (ArrayNode) d.node().at(CONTAINER + "/env");
                  env.addObject().put("name", "TICKER_API_TOKEN").put("value", "s3cr3t");
                }))
        .anyMatch(p -> p.contains("credential TICKER_API_TOKEN must come from a secretKeyRef"));
    assertThat(
            ingestWith(
                d -> {
                  ObjectNode password = (ObjectNode) d.node().at(CONTAINER + "/env/1");
                  password.remove("valueFrom");
                  password.put("value", "hunter2");
                }))
        .anyMatch(
            p ->
                p.contains("credential QUARKUS_DATASOURCE_PASSWORD must come from a secretKeyRef"));
    assertThat(
            baseWith(
                "ConfigMap",
                "ticker-common",
                cm -> Repo.at(cm, "/data").put("QUARKUS_DATASOURCE_PASSWORD", "hunter2")))
        .anyMatch(p -> p.contains("key QUARKUS_DATASOURCE_PASSWORD looks like a credential"));
    assertThat(
            baseWith(
                "ConfigMap",
                "ingest-service-config",
                cm ->
                    Repo.at(cm, "/data")
                        .put(
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            "postgresql://ticker:pw@ticker-pg-rw/x")))
        .anyMatch(p -> p.contains("carries a credential"));
  }

  @Test
  void noSecretCarriesLiteralValues() {
    List<Manifest> withSecret = new ArrayList<>(Repo.copy(BASE));
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: ticker-db
        stringData:
          password: hunter2
        """;
    withSecret.addAll(Yaml.manifests("test", secret));

    assertThat(ManifestRules.check(withSecret, ManifestRules.Profile.BASE))
        .anyMatch(p -> p.contains("Secret/ticker-db") && p.contains("must not carry stringData"));
  }

  @Test
  void secretKeyRefsNameTheGeneratedSecret() {
    assertThat(
            ingestWith(
                d ->
                    ((ObjectNode) d.node().at(CONTAINER + "/env/0/valueFrom/secretKeyRef"))
                        .put("name", "db-creds")))
        .anyMatch(
            p ->
                p.contains("reads Secret db-creds, which no CloudNativePG Cluster here generates"));
  }

  @Test
  void kubernetesObjectsAreValidatedAgainstTheOpenApiSchema() {
    assertThat(ingestWith(d -> Repo.at(d, "/spec").put("replica", 3)))
        .anyMatch(p -> p.contains("not allowed by the schema") && p.contains("replica"));
    assertThat(ingestWith(d -> Repo.at(d, "/spec").put("replicas", "two")))
        .anyMatch(p -> p.contains("/spec/replicas") && p.contains("integer"));
    assertThat(ingestWith(d -> Repo.at(d, CONTAINER).put("imagePullPolicy", "Sometimes")))
        .anyMatch(p -> p.contains("imagePullPolicy") && p.contains("enum"));
    assertThat(ingestWith(d -> Repo.at(d, CONTAINER).remove("name")))
        .anyMatch(p -> p.contains("missing required properties") && p.contains("name"));
  }

  @Test
  void numbersAreAcceptedWhereKubernetesTakesIntOrString() {
    assertThat(ingestWith(d -> Repo.at(d, CONTAINER + "/livenessProbe/httpGet").put("port", 8081)))
        .isEmpty();
    assertThat(
            ingestWith(
                d ->
                    Repo.at(d, "/spec/template/metadata/annotations")
                        .put("prometheus.io/port", 8081)))
        .anyMatch(p -> p.contains("prometheus.io~1port") && p.contains("integer"));
  }

  @Test
  void strimziResourcesAreValidatedAgainstStrimzisCrds() {
    assertThat(baseWith("Kafka", "ticker-kafka", k -> Repo.at(k, "/spec/kafka").put("replica", 3)))
        .anyMatch(p -> p.contains("Kafka/ticker-kafka") && p.contains("replica"));
    assertThat(
            baseWith(
                "Kafka",
                "ticker-kafka",
                k -> ((ObjectNode) k.node().at("/spec/kafka/listeners/0")).put("type", "intern")))
        .anyMatch(
            p ->
                p.contains("spec.kafka.listeners[0].type")
                    && p.contains("not have a value in the enumeration"));
    assertThat(
            baseWith(
                "Kafka",
                "ticker-kafka",
                k -> Repo.at(k, "/spec/kafka").putObject("storage").put("type", "ephemeral")))
        .anyMatch(p -> p.contains("storage is not part of the v1 API"));
    assertThat(
            baseWith(
                "KafkaTopic",
                "ticker-story-events",
                t -> Repo.at(t, "/spec").put("partitions", "twelve")))
        .anyMatch(p -> p.contains("KafkaTopic/ticker-story-events") && p.contains("partitions"));
  }

  @Test
  void cloudNativePgResourcesAreValidatedAgainstCloudNativePgsCrds() {
    assertThat(baseWith("Cluster", "ticker-pg", c -> Repo.at(c, "/spec").put("instance", 3)))
        .anyMatch(p -> p.contains("Cluster/ticker-pg") && p.contains("instance"));
    assertThat(
            baseWith(
                "Database",
                "ticker-pg-timeline",
                db -> Repo.at(db, "/spec").put("ensure", "maybe")))
        .anyMatch(p -> p.contains("Database/ticker-pg-timeline") && p.contains("ensure"));
    assertThat(
            baseWith(
                "Cluster",
                "ticker-pg",
                c -> Repo.at(c, "/spec/postgresql/parameters").put("max_connections", 300)))
        .anyMatch(p -> p.contains("max_connections"));
  }

  @Test
  void kindsWithoutASchemaAreRejected() {
    List<Manifest> withJob = new ArrayList<>(Repo.copy(BASE));
    withJob.addAll(
        Yaml.manifests("test", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n"));

    assertThat(ManifestRules.check(withJob, ManifestRules.Profile.BASE))
        .anyMatch(p -> p.contains("no schema for batch/v1/Job"));
  }

  @Test
  void topicsKeepTheirTwelvePartitionsAndExplicitSettings() {
    assertThat(
            baseWith(
                "KafkaTopic", "ticker-story-events", t -> Repo.at(t, "/spec").put("partitions", 6)))
        .anyMatch(p -> p.contains("must have 12 partitions"));
    assertThat(
            baseWith(
                "KafkaTopic",
                "ticker-content-keys",
                t -> Repo.at(t, "/spec/config").remove("cleanup.policy")))
        .anyMatch(p -> p.contains("cleanup.policy must be explicit"));
    assertThat(
            baseWith(
                "Kafka",
                "ticker-kafka",
                k -> Repo.at(k, "/spec/kafka/config").put("auto.create.topics.enable", true)))
        .anyMatch(p -> p.contains("auto.create.topics.enable must be false"));
  }

  @Test
  void kafkaUsersBelongToTheKafka() {
    String user =
        """
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaUser
        metadata:
          name: ingest-service
          labels: {strimzi.io/cluster: %s}
        spec:
          authentication: {type: scram-sha-512}
        """;
    List<Manifest> withUser = new ArrayList<>(Repo.copy(BASE));
    withUser.addAll(Yaml.manifests("test", user.formatted("ticker-kafka")));
    List<Manifest> withStrayUser = new ArrayList<>(Repo.copy(BASE));
    withStrayUser.addAll(Yaml.manifests("test", user.formatted("other-kafka")));

    assertThat(ManifestRules.check(withUser, ManifestRules.Profile.BASE)).isEmpty();
    assertThat(ManifestRules.check(withStrayUser, ManifestRules.Profile.BASE))
        .contains(
            "test: KafkaUser/ingest-service: label strimzi.io/cluster must name the Kafka"
                + " ticker-kafka");
  }

  @Test
  void onlyTheServicesReachKafkaAndPostgres() {
    assertThat(
            baseWith(
                "NetworkPolicy",
                "ticker-postgres-clients",
                np -> ((ObjectNode) np.node().at("/spec/ingress/0")).remove("from")))
        .anyMatch(p -> p.contains("opens port 5432 to every source"));
    assertThat(
            baseWith(
                "NetworkPolicy",
                "ticker-kafka-clients",
                np ->
                    ((ObjectNode) np.node().at("/spec/ingress/0/from/0")).putObject("podSelector")))
        .anyMatch(p -> p.contains("empty podSelector admits every pod"));
    assertThat(
            baseWith(
                "NetworkPolicy",
                "ticker-postgres-clients",
                np ->
                    ((ObjectNode) np.node().at("/spec/ingress/2/from/0/podSelector/matchLabels"))
                        .removeAll()))
        .anyMatch(p -> p.contains("pods of other namespaces may reach port 5432"));
    assertThat(
            baseWith(
                "Kafka",
                "ticker-kafka",
                k ->
                    ((ObjectNode) k.node().at("/spec/kafka/listeners/0"))
                        .remove("networkPolicyPeers")))
        .anyMatch(p -> p.contains("needs networkPolicyPeers"));

    List<Manifest> withoutPolicy =
        Repo.copy(BASE).stream().filter(m -> !m.name().equals("ticker-postgres-clients")).toList();
    assertThat(ManifestRules.check(withoutPolicy, ManifestRules.Profile.BASE))
        .anyMatch(p -> p.contains("Cluster/ticker-pg") && p.contains("no NetworkPolicy restricts"));
  }

  @Test
  void referencesResolve() {
    assertThat(
            baseWith(
                "Service",
                "timeline-service",
                s -> Repo.at(s, "/spec/selector").put("app.kubernetes.io/name", "x")))
        .anyMatch(p -> p.contains("Service/timeline-service: selects 0 Deployments"));
    assertThat(
            baseWith(
                "Ingress",
                "ticker-public",
                i ->
                    ((ObjectNode) i.node().at("/spec/rules/0/http/paths/2/backend/service"))
                        .put("name", "timeline")))
        .anyMatch(p -> p.contains("backend service timeline is not defined"));
    assertThat(
            baseWith(
                "ConfigMap",
                "ticker-common",
                cm -> Repo.at(cm, "/data").put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")))
        .anyMatch(
            p ->
                p.contains(
                    "KAFKA_BOOTSTRAP_SERVERS is kafka:9092, expected ticker-kafka-kafka-bootstrap:9092"));
    assertThat(
            baseWith(
                "ConfigMap",
                "analysis-service-config",
                cm ->
                    Repo.at(cm, "/data")
                        .put(
                            "QUARKUS_DATASOURCE_REACTIVE_URL",
                            "postgresql://ticker-pg-rw:5432/reports")
                        .put(
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            "jdbc:postgresql://ticker-pg-rw:5432/reports")))
        .anyMatch(p -> p.contains("database reports is neither bootstrapped nor declared"));
  }

  @Test
  void ingressesStaySseFriendlyAndPublishOnlyTheApi() {
    assertThat(
            baseWith(
                "Ingress",
                "ticker-public",
                i ->
                    Repo.at(i, "/metadata/annotations")
                        .remove("nginx.ingress.kubernetes.io/proxy-buffering")))
        .anyMatch(p -> p.contains("proxy-buffering"));
    assertThat(
            baseWith(
                "Ingress",
                "ticker-public",
                i -> ((ObjectNode) i.node().at("/spec/rules/0/http/paths/2")).put("path", "/q")))
        .anyMatch(p -> p.contains("only /api/ is public"));
  }

  @Test
  void productionPromisesAreCheckedPerDeployment() {
    List<String> problems = ManifestRules.check(Repo.copy(BASE), ManifestRules.Profile.PRODUCTION);

    for (String service : Repo.SERVICES) {
      assertThat(problems)
          .anyMatch(p -> p.contains(service) && p.contains("needs one HorizontalPodAutoscaler"))
          .anyMatch(p -> p.contains(service) && p.contains("needs one PodDisruptionBudget"))
          .anyMatch(
              p ->
                  p.contains(service)
                      && p.contains("topologySpreadConstraint over topology.kubernetes.io/zone"));
    }
    assertThat(problems).anyMatch(p -> p.contains("at least 3 KRaft controllers"));
  }

  @Test
  void productionGuardsKafkaAndPostgres() {
    List<String> problems = ManifestRules.check(Repo.copy(BASE), ManifestRules.Profile.PRODUCTION);

    assertThat(problems)
        .anyMatch(
            p ->
                p.contains(
                    "Kafka/ticker-kafka: production listener plain must use TLS and"
                        + " scram-sha-512"))
        .anyMatch(p -> p.contains("must enforce ACLs (authorization: simple)"))
        .anyMatch(p -> p.contains("needs the User Operator"))
        .anyMatch(p -> p.contains("production needs a KafkaUser per service, has 0 for 3"));
    for (String service : Repo.SERVICES) {
      assertThat(problems)
          .anyMatch(
              p -> p.contains(service) && p.contains("verifies PostgreSQL's certificate and host"));
    }
  }

  @Test
  void devPromisesAreChecked() {
    List<String> problems = ManifestRules.check(Repo.copy(BASE), ManifestRules.Profile.DEV);

    assertThat(problems)
        .anyMatch(p -> p.contains("Deployment/ingest-service: dev runs one replica"))
        .anyMatch(p -> p.contains("KafkaTopic/ticker-story-events: must have replicas 1"))
        .anyMatch(p -> p.contains("a rendered overlay must contain exactly one Namespace"));
  }
}
