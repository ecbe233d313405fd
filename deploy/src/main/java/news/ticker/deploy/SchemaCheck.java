package news.ticker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Offline schema validation of one object.
 *
 * <ul>
 *   <li>Kubernetes kinds: the Kubernetes OpenAPI schema that fabric8's {@code
 *       kubernetes-model-validator} bundles (types, required fields, enumerations, unknown fields),
 *       plus the name and label syntax the API server enforces.
 *   <li>Custom resources of Strimzi ({@code kafka.strimzi.io/v1}) and CloudNativePG ({@code
 *       postgresql.cnpg.io/v1}): the {@code openAPIV3Schema} of the operators' own CRDs ({@link
 *       CrdSchemas}), strict: an unknown field, a value of the wrong type, an unknown enumeration
 *       value or a missing required field is a problem. Their {@code metadata}, which a CRD does
 *       not describe, is checked here; so are a few rules the CRDs leave to CEL or to the operator.
 * </ul>
 *
 * Any other apiVersion/kind is a problem too: nothing passes unchecked.
 */
public final class SchemaCheck {

  /**
   * The Kubernetes kinds the manifests may contain, validated against the bundled OpenAPI schema.
   */
  static final Set<String> KUBERNETES_TYPES =
      Set.of(
          "v1/ConfigMap",
          "v1/Secret",
          "v1/Service",
          "v1/Namespace",
          "v1/ServiceAccount",
          "apps/v1/Deployment",
          "networking.k8s.io/v1/Ingress",
          "networking.k8s.io/v1/NetworkPolicy",
          "policy/v1/PodDisruptionBudget",
          "autoscaling/v2/HorizontalPodAutoscaler");

  /** The custom resources the manifests may contain, validated against their CRDs. */
  static final Set<String> CUSTOM_TYPES =
      Set.of(
          "kafka.strimzi.io/v1/Kafka",
          "kafka.strimzi.io/v1/KafkaNodePool",
          "kafka.strimzi.io/v1/KafkaTopic",
          "kafka.strimzi.io/v1/KafkaUser",
          "postgresql.cnpg.io/v1/Cluster",
          "postgresql.cnpg.io/v1/Database");

  /** The fields of ObjectMeta that a manifest may set (the rest is the API server's). */
  private static final Set<String> METADATA_FIELDS =
      Set.of(
          "name",
          "namespace",
          "labels",
          "annotations",
          "generateName",
          "finalizers",
          "ownerReferences");

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Set<String> DNS_LABEL_KINDS = Set.of("Namespace", "Service");
  private static final Set<String> KINDS_WITH_SPEC =
      Set.of(
          "Deployment",
          "Service",
          "Ingress",
          "NetworkPolicy",
          "PodDisruptionBudget",
          "HorizontalPodAutoscaler");
  private static final Set<String> PATH_TYPES = Set.of("Exact", "Prefix", "ImplementationSpecific");

  static final ObjectMapper PLAIN = JsonMapper.builder().build();

  private static final Map<String, List<String>> OPEN_API_ERRORS = new ConcurrentHashMap<>();
  private static Validator validator;
  private static JsonNode definitions;

  private SchemaCheck() {}

  /**
   * The problems of one object; empty when it is valid. Custom resources are validated against the
   * CRDs of {@link CrdSchemas#configured()}.
   *
   * @throws CrdSchemas.MissingCrdException if it is a custom resource and there is no CRD for it
   */
  public static List<String> check(Manifest m) {
    return check(m, CrdSchemas::configured);
  }

  /** The problems of one object, custom resources validated against these CRDs. */
  public static List<String> check(Manifest m, CrdSchemas crds) {
    return check(m, () -> crds);
  }

  static List<String> check(Manifest m, Supplier<CrdSchemas> crds) {
    List<String> problems = new ArrayList<>();
    if (m.apiVersion().isEmpty() || m.kind().isEmpty()) {
      problems.add(m.where() + ": apiVersion and kind are required");
      return problems;
    }
    checkMetadata(m, problems);
    if (KUBERNETES_TYPES.contains(m.type())) {
      for (String message : openApiErrors(m.node())) {
        problems.add(m.where() + ": " + message);
      }
      checkKubernetesExtras(m, problems);
    } else if (CUSTOM_TYPES.contains(m.type())) {
      for (String message : crds.get().validate(m.node())) {
        problems.add(m.where() + ": " + message);
      }
      checkCustomMetadata(m, problems);
      checkCustomExtras(m, problems);
    } else {
      problems.add(
          m.where()
              + ": no schema for "
              + m.type()
              + " (add it to SchemaCheck if it is meant to be here)");
    }
    return problems;
  }

  private static void checkMetadata(Manifest m, List<String> problems) {
    String name = m.name();
    if (name.isEmpty()) {
      problems.add(m.where() + ": metadata.name is required");
    } else {
      Pattern pattern = DNS_LABEL_KINDS.contains(m.kind()) ? DNS_LABEL : DNS_SUBDOMAIN;
      int max = DNS_LABEL_KINDS.contains(m.kind()) ? 63 : 253;
      if (!pattern.matcher(name).matches() || name.length() > max) {
        problems.add(m.where() + ": metadata.name is not a valid " + m.kind() + " name");
      }
    }
    for (Map.Entry<String, String> label : m.labels().entrySet()) {
      String key = label.getKey();
      String keyName = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
      String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
      if (!LABEL_NAME.matcher(keyName).matches()
          || keyName.length() > 63
          || (!prefix.isEmpty() && !DNS_SUBDOMAIN.matcher(prefix).matches())) {
        problems.add(m.where() + ": label key " + key + " is not valid");
      }
      String value = label.getValue();
      if (!value.isEmpty() && (!LABEL_NAME.matcher(value).matches() || value.length() > 63)) {
        problems.add(m.where() + ": value of label " + key + " is not valid");
      }
    }
  }

  /** What the OpenAPI schema leaves out but the API server checks. */
  private static void checkKubernetesExtras(Manifest m, List<String> problems) {
    if (KINDS_WITH_SPEC.contains(m.kind()) && !m.node().path("spec").isObject()) {
      problems.add(m.where() + ": spec is required");
    }
    if (m.kind().equals("Deployment")
        && !m.node().path("spec").path("template").path("metadata").path("labels").isObject()) {
      problems.add(m.where() + ": spec.template.metadata.labels is required");
    }
    if (m.kind().equals("Ingress")) {
      for (JsonNode rule : m.node().path("spec").path("rules")) {
        if (!rule.path("http").isObject()) {
          problems.add(m.where() + ": every rule needs http paths");
        }
        for (JsonNode path : rule.path("http").path("paths")) {
          if (!PATH_TYPES.contains(path.path("pathType").asText())) {
            problems.add(
                m.where()
                    + ": pathType of "
                    + path.path("path").asText()
                    + " must be one of "
                    + PATH_TYPES);
          }
        }
      }
    }
    if (m.kind().equals("ConfigMap") || m.kind().equals("Secret")) {
      for (String field : List.of("data", "stringData")) {
        m.node()
            .path(field)
            .fieldNames()
            .forEachRemaining(
                key -> {
                  if (!key.matches("[-._a-zA-Z0-9]+")) {
                    problems.add(
                        m.where() + ": key " + key + " is not a valid " + m.kind() + " key");
                  }
                });
      }
    }
  }

  /**
   * The metadata of a custom resource, which its CRD leaves to the API server: an object of
   * ObjectMeta's fields, labels and annotations string maps (names and label syntax: {@link
   * #checkMetadata}).
   */
  private static void checkCustomMetadata(Manifest m, List<String> problems) {
    JsonNode metadata = m.node().path("metadata");
    if (!metadata.isObject()) {
      problems.add(m.where() + ": metadata must be an object");
      return;
    }
    metadata
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!METADATA_FIELDS.contains(field)) {
                problems.add(m.where() + ": metadata." + field + " is not a field of metadata");
              }
            });
    for (String map : List.of("labels", "annotations")) {
      JsonNode values = metadata.path(map);
      if (values.isMissingNode()) {
        continue;
      }
      if (!values.isObject()) {
        problems.add(m.where() + ": metadata." + map + " must be a map of strings");
        continue;
      }
      values
          .properties()
          .forEach(
              e -> {
                if (!e.getValue().isTextual()) {
                  problems.add(
                      m.where() + ": metadata." + map + "." + e.getKey() + " must be a string");
                }
              });
    }
  }

  /**
   * What the CRDs leave to CEL rules or to the operator, or where a clearer message helps: fields
   * gone from Strimzi's v1 API, explicit topic sizes, the storage of a Cluster, reserved database
   * names.
   */
  private static void checkCustomExtras(Manifest m, List<String> problems) {
    JsonNode spec = m.node().path("spec");
    switch (m.type()) {
      case "kafka.strimzi.io/v1/Kafka" -> {
        JsonNode kafka = spec.path("kafka");
        for (String gone : List.of("replicas", "storage", "zookeeper")) {
          if (kafka.has(gone) || spec.has(gone)) {
            problems.add(
                m.where() + ": " + gone + " is not part of the v1 API (KRaft: use KafkaNodePools)");
          }
        }
      }
      case "kafka.strimzi.io/v1/KafkaTopic" -> {
        if (!spec.has("partitions") || !spec.has("replicas")) {
          problems.add(m.where() + ": spec.partitions and spec.replicas must be explicit");
        }
      }
      case "postgresql.cnpg.io/v1/Cluster" -> {
        if (!spec.path("instances").canConvertToInt()
            || spec.path("instances").asInt() < 1
            || blank(spec.path("storage").path("size"))) {
          problems.add(
              m.where() + ": spec.instances (at least 1) and spec.storage.size are required");
        }
      }
      case "postgresql.cnpg.io/v1/Database" -> {
        if (blank(spec.path("cluster").path("name"))
            || blank(spec.path("name"))
            || blank(spec.path("owner"))) {
          problems.add(m.where() + ": spec.cluster.name, spec.name and spec.owner are required");
        } else if (Set.of("postgres", "template0", "template1")
            .contains(spec.path("name").asText())) {
          problems.add(
              m.where() + ": the database name " + spec.path("name").asText() + " is reserved");
        }
      }
      default -> {}
    }
  }

  private static boolean blank(JsonNode value) {
    return !value.isTextual() || value.asText().isBlank();
  }

  /**
   * The OpenAPI validator's errors for an object; remembered per content, since validating is slow.
   */
  private static List<String> openApiErrors(JsonNode node) {
    return OPEN_API_ERRORS.computeIfAbsent(
        node.toString(),
        key -> {
          List<String> errors = new ArrayList<>();
          for (ValidationMessage message : validator().validate(node).getMessages()) {
            if (message.getLevel() == ValidationMessage.Level.ERROR
                && !isIntOrStringNumber(message)) {
              errors.add(message.getMessage());
            }
          }
          return List.copyOf(errors);
        });
  }

  /**
   * The bundled OpenAPI schema declares IntOrString as {@code type: string, format: int-or-string},
   * so the validator rejects numbers there (maxSurge: 1, minAvailable: 1, port: 8081) that the API
   * server accepts. Such messages are dropped when the property they point at is an IntOrString.
   */
  static boolean isIntOrStringNumber(ValidationMessage message) {
    String prefix = "/components/schemas/";
    String pointer = message.getSchema();
    if (pointer == null
        || !pointer.startsWith(prefix)
        || !message
            .getMessage()
            .contains("Instance type (integer) does not match any allowed primitive type")) {
      return false;
    }
    String[] segments = pointer.substring(prefix.length()).split("/");
    JsonNode node = definitions().path(segments[0].replace("~1", "/").replace("~0", "~"));
    for (int i = 1; i < segments.length; i++) {
      node = node.path(segments[i].replace("~1", "/").replace("~0", "~"));
    }
    return node.path("$ref").asText().endsWith("/io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        || "int-or-string".equals(node.path("format").asText());
  }

  private static synchronized JsonNode definitions() {
    if (definitions == null) {
      try (InputStream in =
          Validator.class.getClassLoader().getResourceAsStream("openshift-generated.json")) {
        definitions =
            in == null ? PLAIN.createObjectNode() : PLAIN.readTree(in).path("definitions");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return definitions;
  }

  private static synchronized Validator validator() {
    if (validator == null) {
      validator = Validator.newInstance();
    }
    return validator;
  }
}
