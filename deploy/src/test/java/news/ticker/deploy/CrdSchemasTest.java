package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom resources against the operators' own CRDs (the directory of {@code -Dticker.crds}, by
 * default ../shared/crds): what the manifests hold validates, each kind of mistake is reported with
 * its path, and missing CRDs are one clear line.
 */
class CrdSchemasTest {

  private static final List<Manifest> BASE = Repo.sources(Repo.BASE);

  private static final String KAFKA_USER =
      """
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaUser
      metadata:
        name: timeline-service
        labels:
          strimzi.io/cluster: ticker-kafka
      spec:
        authentication:
          type: scram-sha-512
        authorization:
          type: simple
          acls:
            - resource:
                type: topic
                name: ticker.story-events
                patternType: literal
              operations: [Read, Describe]
            - resource:
                type: group
                name: timeline-
                patternType: prefix
              operations: [Read]
      """;

  /** A CRD of our own, for what the operators' CRDs do not use. */
  private static final String WIDGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.ticker.news
      spec:
        group: example.ticker.news
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions:
          - name: v1alpha1
            served: false
            storage: false
            schema:
              openAPIV3Schema: {type: object}
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  apiVersion: {type: string}
                  kind: {type: string}
                  metadata: {type: object}
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, nullable: true}
                      port:
                        x-kubernetes-int-or-string: true
                      labels:
                        type: object
                        additionalProperties: {type: string}
                      extra:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                        properties:
                          known: {type: boolean}
                      source:
                        type: object
                        properties:
                          secret: {type: string}
                          configMap: {type: string}
                        oneOf:
                          - properties: {secret: {}}
                            required: [secret]
                          - properties: {configMap: {}}
                            required: [configMap]
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          properties:
                            name: {type: string}
                            number: {type: integer}
                      tags:
                        type: array
                        x-kubernetes-list-type: set
                        items: {type: string}
      """;

  private static CrdSchemas crds() {
    return CrdSchemas.configured();
  }

  private static List<String> baseWith(String kind, String name, Consumer<ObjectNode> change) {
    Manifest m = Repo.find(Repo.copy(BASE), kind, name);
    change.accept((ObjectNode) m.node());
    return SchemaCheck.check(m);
  }

  private static Manifest kafkaUser() {
    return Yaml.manifests("test", KAFKA_USER).get(0);
  }

  private static Manifest widget(String spec) {
    return Yaml.manifests(
            "test",
            "apiVersion: example.ticker.news/v1\nkind: Widget\nmetadata: {name: w}\nspec: " + spec)
        .get(0);
  }

  private static CrdSchemas widgetCrds(Path dir) throws IOException {
    Files.writeString(dir.resolve("widgets.yaml"), WIDGET_CRD);
    return CrdSchemas.load(dir);
  }

  @Test
  void theOperatorsCrdsDefineEveryCustomKindTheManifestsMayHold() {
    assertThat(crds().types()).containsAll(SchemaCheck.CUSTOM_TYPES);
  }

  @Test
  void everyCustomResourceOfTheSourceManifestsValidates() {
    List<Manifest> all = new ArrayList<>(BASE);
    all.addAll(Repo.ownResources(Repo.DEV));
    all.addAll(Repo.ownResources(Repo.PRODUCTION));
    List<Manifest> custom =
        all.stream().filter(m -> SchemaCheck.CUSTOM_TYPES.contains(m.type())).toList();

    assertThat(custom)
        .extracting(Manifest::kind)
        .contains("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "Database");
    for (Manifest m : custom) {
      assertThat(crds().validate(m.node())).as(m.where()).isEmpty();
      assertThat(SchemaCheck.check(m)).as(m.where()).isEmpty();
    }
  }

  @Test
  void aKafkaUserWithAuthenticationAndAclsValidates() {
    assertThat(SchemaCheck.check(kafkaUser())).isEmpty();
  }

  @Test
  void aTlsListenerWithScramAuthenticationAndSimpleAuthorizationValidates() {
    List<Manifest> base = Repo.copy(BASE);
    ObjectNode kafka =
        (ObjectNode) Repo.find(base, "Kafka", "ticker-kafka").node().at("/spec/kafka");
    ObjectNode tls = ((ArrayNode) kafka.get("listeners")).addObject();
    tls.put("name", "tls").put("port", 9093).put("type", "internal").put("tls", true);
    tls.putObject("authentication").put("type", "scram-sha-512");
    kafka.putObject("authorization").put("type", "simple");
    List<Manifest> withUser = new ArrayList<>(base);
    withUser.add(kafkaUser());

    assertThat(ManifestRules.check(withUser, ManifestRules.Profile.BASE)).isEmpty();

    tls.with("authentication").put("type", "scram-sha-256");
    assertThat(ManifestRules.check(withUser, ManifestRules.Profile.BASE))
        .anyMatch(
            p ->
                p.contains("spec.kafka.listeners[1].authentication.type")
                    && p.contains("enumeration"));
  }

  @Test
  void anUnknownFieldInAKafkaListenerIsReportedWithItsPath() {
    assertThat(
            baseWith(
                "Kafka",
                "ticker-kafka",
                k -> ((ObjectNode) k.at("/spec/kafka/listeners/0")).put("tlsMode", true)))
        .anyMatch(
            p ->
                p.startsWith("deploy/base/kafka/kafka.yaml: Kafka/ticker-kafka: ")
                    && p.contains("spec.kafka.listeners[0]: property 'tlsMode' is not defined"));
  }

  @Test
  void aWrongEnumInAKafkaUserAclOperationIsReportedWithItsPath() {
    Manifest user = kafkaUser();
    ((ArrayNode) user.node().at("/spec/authorization/acls/0/operations")).add("Smash");

    assertThat(SchemaCheck.check(user))
        .singleElement(STRING)
        .contains("KafkaUser/timeline-service")
        .contains("spec.authorization.acls[0].operations[2]")
        .contains("does not have a value in the enumeration")
        .contains("\"Write\"");
  }

  @Test
  void aMissingRequiredFieldInACnpgClusterIsReportedWithItsPath() {
    assertThat(
            baseWith("Cluster", "ticker-pg", c -> ((ObjectNode) c.get("spec")).remove("instances")))
        .anyMatch(
            p -> p.contains("Cluster/ticker-pg: spec: required property 'instances' not found"));
  }

  @Test
  void aStringWhereAnIntegerIsRequiredIsReportedWithItsPath() {
    assertThat(
            baseWith(
                "KafkaTopic",
                "ticker-story-events",
                t -> ((ObjectNode) t.get("spec")).put("partitions", "12")))
        .anyMatch(
            p ->
                p.contains("KafkaTopic/ticker-story-events: spec.partitions: string found")
                    && p.contains("integer expected"));
  }

  @Test
  void intOrStringQuantitiesTakeBothButNothingElse() {
    String limits = "/spec/entityOperator/topicOperator/resources/limits";

    assertThat(baseWith("Kafka", "ticker-kafka", k -> ((ObjectNode) k.at(limits)).put("cpu", 1)))
        .isEmpty();
    assertThat(
            baseWith("Kafka", "ticker-kafka", k -> ((ObjectNode) k.at(limits)).put("cpu", "1.5")))
        .isEmpty();
    assertThat(baseWith("Kafka", "ticker-kafka", k -> ((ObjectNode) k.at(limits)).put("cpu", true)))
        .anyMatch(p -> p.contains("spec.entityOperator.topicOperator.resources.limits.cpu"));
  }

  @Test
  void openObjectsStayOpenAndClosedOnesAreClosed() {
    assertThat(
            baseWith(
                "KafkaTopic",
                "ticker-story-events",
                t -> ((ObjectNode) t.at("/spec/config")).put("segment.bytes", 1073741824)))
        .isEmpty();
    assertThat(
            baseWith(
                "Cluster",
                "ticker-pg",
                c -> ((ObjectNode) c.at("/spec/storage")).put("sizes", "20Gi")))
        .anyMatch(p -> p.contains("spec.storage: property 'sizes' is not defined"));
    assertThat(baseWith("Database", "ticker-pg-timeline", d -> d.put("status", 1)))
        .anyMatch(p -> p.contains("status: integer found, object expected"));
    assertThat(
            baseWith("Database", "ticker-pg-timeline", d -> d.putObject("spek").put("name", "x")))
        .anyMatch(p -> p.contains(": property 'spek' is not defined"));
  }

  @Test
  void metadataIsCheckedAlthoughNoCrdDescribesIt() {
    assertThat(
            baseWith(
                "KafkaTopic",
                "ticker-story-events",
                t -> ((ObjectNode) t.get("metadata")).put("label", "x")))
        .anyMatch(p -> p.contains("metadata.label is not a field of metadata"));
    assertThat(
            baseWith(
                "Database",
                "ticker-pg-timeline",
                d -> ((ObjectNode) d.at("/metadata/labels")).put("replicas", 3)))
        .anyMatch(p -> p.contains("metadata.labels.replicas must be a string"));
    assertThat(
            baseWith(
                "Database",
                "ticker-pg-timeline",
                d -> ((ObjectNode) d.get("metadata")).put("name", "Timeline_DB")))
        .anyMatch(p -> p.contains("metadata.name is not a valid Database name"));
  }

  @Test
  void theCelRulesThatMatterAreCheckedByHand() {
    assertThat(
            baseWith(
                "Database",
                "ticker-pg-timeline",
                d -> ((ObjectNode) d.get("spec")).put("name", "postgres")))
        .anyMatch(p -> p.contains("the database name postgres is reserved"));
  }

  @Test
  void openApiAndKubernetesKeywordsOfASchemaAreHonoured(@TempDir Path dir) throws IOException {
    CrdSchemas widgets = widgetCrds(dir);

    assertThat(widgets.types()).containsExactly("example.ticker.news/v1/Widget");
    assertThat(widgets.validate(widget("{size: null, port: 8080}").node())).isEmpty();
    assertThat(widgets.validate(widget("{size: 1, port: http}").node())).isEmpty();
    assertThat(widgets.validate(widget("{size: 1, port: [1]}").node()))
        .anyMatch(p -> p.startsWith("spec.port: "));
    assertThat(widgets.validate(widget("{port: 1}").node()))
        .containsExactly("spec: required property 'size' not found");
    assertThat(widgets.validate(widget("{size: 1, labels: {a: b, c: 1}}").node()))
        .containsExactly("spec.labels.c: integer found, string expected");
    assertThat(widgets.validate(widget("{size: 1, extra: {known: true, other: 1}}").node()))
        .isEmpty();
    assertThat(widgets.validate(widget("{size: 1, extra: {known: 1}}").node()))
        .containsExactly("spec.extra.known: integer found, boolean expected");
    assertThat(widgets.validate(widget("{size: 1, source: {secret: s}}").node())).isEmpty();
    assertThat(widgets.validate(widget("{size: 1, source: {secret: s, configMap: c}}").node()))
        .anyMatch(p -> p.startsWith("spec.source: "));
    assertThat(widgets.validate(widget("{size: 1, source: {secret: s, file: f}}").node()))
        .anyMatch(p -> p.contains("spec.source: property 'file' is not defined"));
    assertThat(widgets.validate(widget("{size: 1, tags: [a, b, a]}").node()))
        .anyMatch(p -> p.startsWith("spec.tags: ") && p.contains("unique"));
    assertThat(
            widgets.validate(
                widget("{size: 1, ports: [{name: a, number: 1}, {name: b, number: 1}]}").node()))
        .isEmpty();
    assertThat(
            widgets.validate(
                widget("{size: 1, ports: [{name: a, number: 1}, {name: a, number: 2}]}").node()))
        .containsExactly("spec.ports[1]: repeats the name of an earlier item in this map list");
  }

  @Test
  void aClusterDumpAsAListIsReadToo(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("from-cluster"));
    Files.writeString(
        dir.resolve("from-cluster/all.yml"),
        "apiVersion: v1\nkind: List\nitems:\n- " + WIDGET_CRD.indent(2).substring(2));

    assertThat(CrdSchemas.load(dir).types()).containsExactly("example.ticker.news/v1/Widget");
  }

  @Test
  void twoDefinitionsOfOneKindAreRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), WIDGET_CRD);
    Files.writeString(dir.resolve("b.yaml"), WIDGET_CRD);

    assertThatThrownBy(() -> CrdSchemas.load(dir))
        .hasMessageContaining("two CRDs define example.ticker.news/v1/Widget");
  }

  @Test
  void aMissingCrdDirectoryIsOneClearLine(@TempDir Path dir) {
    Path absent = dir.resolve("absent");

    assertThatThrownBy(() -> CrdSchemas.load(absent))
        .isInstanceOf(CrdSchemas.MissingCrdException.class)
        .hasMessageStartingWith("no CRDs: " + absent + " is not a directory")
        .hasMessageContaining("ticker.crds")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDirectoryWithoutCrdsIsOneClearLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README.yaml"), "apiVersion: v1\nkind: ConfigMap\n");

    assertThatThrownBy(() -> CrdSchemas.load(dir))
        .isInstanceOf(CrdSchemas.MissingCrdException.class)
        .hasMessageContaining("holds no apiextensions.k8s.io/v1 CustomResourceDefinition")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aKindWithoutItsCrdIsOneClearLine(@TempDir Path dir) throws IOException {
    CrdSchemas widgetsOnly = widgetCrds(dir);

    assertThatThrownBy(
            () -> ManifestRules.check(Repo.copy(BASE), ManifestRules.Profile.BASE, widgetsOnly))
        .isInstanceOf(CrdSchemas.MissingCrdException.class)
        .hasMessageStartingWith("no CRD for ")
        .hasMessageContaining(" in " + dir.toAbsolutePath().normalize())
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> SchemaCheck.check(kafkaUser(), widgetsOnly))
        .hasMessageStartingWith("no CRD for kafka.strimzi.io/v1/KafkaUser in ");
  }

  @Test
  void theDirectoryIsTheSystemPropertyElseSharedCrdsBesideTheRepository() {
    String configured = System.getProperty(CrdSchemas.PROPERTY);
    try {
      System.setProperty(CrdSchemas.PROPERTY, "/somewhere/crds");
      assertThat(CrdSchemas.defaultDirectory()).isEqualTo(Path.of("/somewhere/crds"));
      System.clearProperty(CrdSchemas.PROPERTY);
      assertThat(CrdSchemas.defaultDirectory())
          .isEqualTo(Repo.ROOT.resolve("../shared/crds").normalize());
    } finally {
      if (configured == null) {
        System.clearProperty(CrdSchemas.PROPERTY);
      } else {
        System.setProperty(CrdSchemas.PROPERTY, configured);
      }
    }
  }
}
