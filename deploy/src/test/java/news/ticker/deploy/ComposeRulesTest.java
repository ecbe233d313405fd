package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** docker-compose.yml follows its rules, and each rule catches what it is there for. */
class ComposeRulesTest {

  private static List<String> composeWith(Consumer<ObjectNode> change) {
    ObjectNode raw = (ObjectNode) Repo.compose().deepCopy();
    change.accept(raw);
    List<String> problems = new ArrayList<>();
    JsonNode resolved = ComposeRules.withDefaults(raw, problems);
    problems.addAll(ComposeRules.check(resolved));
    return problems;
  }

  private static ObjectNode service(ObjectNode compose, String name) {
    return (ObjectNode) compose.path("services").path(name);
  }

  @Test
  void theComposeFileFollowsEveryRule() {
    assertThat(composeWith(c -> {})).isEmpty();
  }

  @Test
  void theStackHasTheServicesTheIssueAsksFor() {
    JsonNode services = Repo.compose().path("services");

    assertThat(services.fieldNames())
        .toIterable()
        .contains(
            "postgres",
            "kafka",
            "kafka-init",
            "jwt-keys",
            "ingest-service",
            "timeline-service",
            "analysis-service");
    assertThat(Repo.compose().path("volumes").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("postgres-data", "kafka-data", "jwt-keys");
  }

  @Test
  void everyContainerHasAHealthCheck() {
    for (String name :
        List.of(
            "postgres",
            "kafka",
            "kafka-init",
            "jwt-keys",
            "ingest-service",
            "timeline-service",
            "analysis-service")) {
      assertThat(composeWith(c -> service(c, name).remove("healthcheck")))
          .as(name)
          .contains("docker-compose: " + name + ": needs a healthcheck");
    }
    assertThat(composeWith(c -> service(c, "kafka").putObject("healthcheck").put("disable", true)))
        .contains("docker-compose: kafka: needs a healthcheck");
  }

  @Test
  void dependenciesWaitForHealthOrCompletion() {
    assertThat(
            composeWith(
                c ->
                    ((ObjectNode) service(c, "timeline-service").path("depends_on").path("kafka"))
                        .put("condition", "service_started")))
        .contains("docker-compose: timeline-service: must wait for kafka with service_healthy");
    assertThat(
            composeWith(
                c ->
                    ((ObjectNode)
                            service(c, "ingest-service").path("depends_on").path("kafka-init"))
                        .put("condition", "service_healthy")))
        .contains(
            "docker-compose: ingest-service: must wait for one-shot kafka-init with service_completed_successfully");
    assertThat(
            composeWith(
                c ->
                    ((ObjectNode) service(c, "analysis-service").path("depends_on"))
                        .remove("jwt-keys")))
        .contains("docker-compose: analysis-service: must depend on jwt-keys");
    assertThat(
            composeWith(
                c -> {
                  for (String s :
                      List.of("ingest-service", "timeline-service", "analysis-service")) {
                    ((ObjectNode) service(c, s).path("depends_on")).remove("kafka-init");
                  }
                }))
        .contains(
            "docker-compose: kafka-init: a one-shot service nobody waits for (depends_on:"
                + " service_completed_successfully)");
  }

  @Test
  void dataLivesOnDeclaredNamedVolumes() {
    assertThat(
            composeWith(
                c ->
                    ((ArrayNode) service(c, "postgres").path("volumes"))
                        .set(0, "./pgdata:/var/lib/postgresql/data")))
        .contains(
            "docker-compose: postgres: its data at /var/lib/postgresql/data must live on a named volume (kept across"
                + " down/up)");
    assertThat(composeWith(c -> ((ObjectNode) c.path("volumes")).remove("kafka-data")))
        .contains("docker-compose: kafka: volume kafka-data is not declared under volumes");
  }

  @Test
  void servicesRunAsTheNonRootUserOnAReadOnlyRoot() {
    assertThat(composeWith(c -> service(c, "ingest-service").put("user", "0:0")))
        .contains("docker-compose: ingest-service: must run as user 10001:10001");
    assertThat(composeWith(c -> service(c, "timeline-service").put("read_only", false)))
        .contains("docker-compose: timeline-service: needs read_only: true");
    assertThat(composeWith(c -> service(c, "analysis-service").remove("tmpfs")))
        .contains(
            "docker-compose: analysis-service: needs a tmpfs at /tmp (the root filesystem is read-only)");
  }

  @Test
  void portsAndHealthChecksMatchTheService() {
    assertThat(
            composeWith(
                c -> ((ArrayNode) service(c, "ingest-service").path("ports")).set(0, "18081:8081")))
        .contains(
            "docker-compose: ingest-service: must publish port 8081 as host port 8081 by default");
    assertThat(
            composeWith(
                c ->
                    ((ArrayNode) service(c, "timeline-service").path("healthcheck").path("test"))
                        .set(1, "curl -fsS http://localhost:8082/q/health/live")))
        .contains(
            "docker-compose: timeline-service: healthcheck must call http://localhost:8082/q/health/ready");
  }

  @Test
  void settingsComeFromTheEnvironmentWithDevDefaults() {
    assertThat(
            composeWith(
                c ->
                    ((ObjectNode) service(c, "ingest-service").path("environment"))
                        .put("QUARKUS_DATASOURCE_PASSWORD", "pw")))
        .anyMatch(
            p -> p.contains("ingest-service: QUARKUS_DATASOURCE_PASSWORD is written as a literal"));
    assertThat(
            composeWith(
                c ->
                    ((ObjectNode) service(c, "postgres").path("environment"))
                        .put("POSTGRES_PASSWORD", "${PG_PW}")))
        .anyMatch(p -> p.contains("${PG_PW} has no default"));
    assertThat(composeWith(c -> c.put("version", "3.9")))
        .anyMatch(p -> p.contains("the obsolete version key must go"));
  }

  @Test
  void kafkaNeverAutoCreatesTopics() {
    assertThat(
            composeWith(
                c ->
                    ((ObjectNode) service(c, "kafka").path("environment"))
                        .put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")))
        .contains(
            "docker-compose: kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be \"false\" (topics are created explicitly)");
  }

  @Test
  void theRenderedFormIsUnderstoodToo() {
    String rendered =
        """
        services:
          kafka:
            image: apache/kafka:4.1.2
            environment: ["KAFKA_LOG_DIRS=/var/lib/kafka/data", "KAFKA_AUTO_CREATE_TOPICS_ENABLE=false"]
            ports:
              - {published: 9092, target: 9092}
            volumes: ["kafka-data:/var/lib/kafka/data:rw"]
            healthcheck: {test: ["CMD-SHELL", "true"]}
            restart: unless-stopped
        volumes:
          kafka-data: {}
        """;

    assertThat(ComposeRules.check(Yaml.manifests("rendered", rendered).get(0).node())).isEmpty();
  }
}
