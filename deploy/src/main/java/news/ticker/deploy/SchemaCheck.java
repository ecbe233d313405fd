package news.ticker.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Offline schema validation of one object.
 *
 * <ul>
 *   <li>Kubernetes kinds: the Kubernetes OpenAPI schema that fabric8's {@code
 *       kubernetes-model-validator} bundles (types, required fields, enumerations, unknown fields),
 *       plus the name and label syntax the API server enforces.
 *   <li>Strimzi ({@code kafka.strimzi.io/v1}): Strimzi's own model classes ({@code
 *       io.strimzi:api}), read strictly: an unknown field, a value of the wrong type or one the
 *       model does not understand (an unknown enumeration value) is a problem.
 *   <li>CloudNativePG ({@code postgresql.cnpg.io/v1}): the reduced model in {@link Cnpg}, read the
 *       same way.
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

  /** Custom resources, read into their models. */
  static final Map<String, Class<?>> CUSTOM_TYPES =
      Map.of(
          "kafka.strimzi.io/v1/Kafka", Kafka.class,
          "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
          "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class,
          "postgresql.cnpg.io/v1/Cluster", Cnpg.Cluster.class,
          "postgresql.cnpg.io/v1/Database", Cnpg.Database.class);

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

  /** Reads custom resources strictly: no field the model lacks, no coercion between types. */
  static final ObjectMapper STRICT = strictMapper();

  /** Writes models back, to see which input values the model did not keep. */
  static final ObjectMapper PLAIN = JsonMapper.builder().build();

  private static final Map<String, List<String>> OPEN_API_ERRORS = new ConcurrentHashMap<>();
  private static Validator validator;
  private static JsonNode definitions;

  private SchemaCheck() {}

  /** The problems of one object; empty when it is valid. */
  public static List<String> check(Manifest m) {
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
    } else if (CUSTOM_TYPES.containsKey(m.type())) {
      Object model = readModel(m, CUSTOM_TYPES.get(m.type()), problems);
      if (model != null) {
        JsonNode input = m.node().deepCopy();
        ((ObjectNode) input).remove(List.of("apiVersion", "kind"));
        notUnderstood(m, input, PLAIN.valueToTree(model), "", problems);
        checkCustomExtras(m, model, problems);
      }
    } else {
      problems.add(
          m.where()
              + ": no schema for "
              + m.type()
              + " (add it to SchemaCheck if it is meant to be here)");
    }
    return problems;
  }

  /** Reads an object into a model class strictly; null (with a problem) when it does not fit. */
  static <T> T readModel(Manifest m, Class<T> type, List<String> problems) {
    try {
      return STRICT.treeToValue(m.node(), type);
    } catch (JsonMappingException e) {
      problems.add(m.where() + ": " + describe(e));
      return null;
    } catch (JsonProcessingException e) {
      problems.add(m.where() + ": " + e.getOriginalMessage());
      return null;
    }
  }

  private static String describe(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    String message = e.getOriginalMessage();
    int cut = message.indexOf(" (class ");
    if (message.startsWith("Unrecognized field") && cut > 0) {
      message = message.substring(0, cut);
    }
    return (path.isEmpty() ? "" : path + ": ") + message.lines().findFirst().orElse(message);
  }

  /**
   * Every value of the input must survive the model: a value the model dropped or changed (for
   * example an enumeration value it does not know, which Strimzi reads as null) was not understood.
   * Values equal to a type's default (false, 0, empty) may be left out by the model when it writes
   * itself back.
   */
  static void notUnderstood(
      Manifest m, JsonNode in, JsonNode out, String path, List<String> problems) {
    if (in.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode other = out == null ? null : out.get(field.getKey());
        if (other == null || other.isNull()) {
          if (!isDefault(field.getValue())) {
            problems.add(
                m.where() + ": " + at + ": value " + field.getValue() + " is not understood");
          }
        } else {
          notUnderstood(m, field.getValue(), other, at, problems);
        }
      }
    } else if (in.isArray()) {
      for (int i = 0; i < in.size(); i++) {
        JsonNode other = out != null && out.isArray() && i < out.size() ? out.get(i) : null;
        if (other == null) {
          problems.add(m.where() + ": " + path + "[" + i + "] is not understood");
        } else {
          notUnderstood(m, in.get(i), other, path + "[" + i + "]", problems);
        }
      }
    } else if (!sameScalar(in, out)) {
      problems.add(m.where() + ": " + path + ": value " + in + " is read as " + out);
    }
  }

  private static boolean sameScalar(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.asText().equals(b.asText());
  }

  private static boolean isDefault(JsonNode v) {
    return v.isNull()
        || (v.isBoolean() && !v.booleanValue())
        || (v.isNumber() && v.decimalValue().signum() == 0)
        || (v.isContainerNode() && v.isEmpty());
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

  /** Required fields and rules of the CRDs that the models do not enforce themselves. */
  private static void checkCustomExtras(Manifest m, Object model, List<String> problems) {
    JsonNode spec = m.node().path("spec");
    if (model instanceof Kafka) {
      JsonNode kafka = spec.path("kafka");
      for (String gone : List.of("replicas", "storage", "zookeeper")) {
        if (kafka.has(gone) || spec.has(gone)) {
          problems.add(
              m.where() + ": " + gone + " is not part of the v1 API (KRaft: use KafkaNodePools)");
        }
      }
      if (!kafka.path("listeners").isArray() || kafka.path("listeners").isEmpty()) {
        problems.add(m.where() + ": spec.kafka.listeners is required");
      }
      for (JsonNode listener : kafka.path("listeners")) {
        for (String field : List.of("name", "port", "type", "tls")) {
          if (!listener.has(field)) {
            problems.add(
                m.where() + ": listener " + listener.path("name").asText("?") + " needs " + field);
          }
        }
      }
    } else if (model instanceof KafkaNodePool) {
      if (!spec.has("replicas") || !spec.has("roles") || !spec.has("storage")) {
        problems.add(m.where() + ": spec.replicas, spec.roles and spec.storage are required");
      }
    } else if (model instanceof KafkaTopic) {
      if (!spec.has("partitions") || !spec.has("replicas")) {
        problems.add(m.where() + ": spec.partitions and spec.replicas must be explicit");
      }
    } else if (model instanceof Cnpg.Cluster cluster) {
      if (cluster.spec() == null
          || cluster.spec().instances() == null
          || cluster.spec().instances() < 1
          || cluster.spec().storage() == null
          || cluster.spec().storage().size() == null) {
        problems.add(
            m.where() + ": spec.instances (at least 1) and spec.storage.size are required");
      }
    } else if (model instanceof Cnpg.Database database) {
      Cnpg.DatabaseSpec s = database.spec();
      if (s == null
          || s.cluster() == null
          || blank(s.cluster().name())
          || blank(s.name())
          || blank(s.owner())) {
        problems.add(m.where() + ": spec.cluster.name, spec.name and spec.owner are required");
      } else if (Set.of("postgres", "template0", "template1").contains(s.name())) {
        problems.add(m.where() + ": the database name " + s.name() + " is reserved");
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
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

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper =
        JsonMapper.builder()
            // The models keep unknown fields in an "any setter"; ignoring those makes unknown
            // fields errors.
            .annotationIntrospector(
                new JacksonAnnotationIntrospector() {
                  @Override
                  public Boolean hasAnySetter(Annotated a) {
                    return null;
                  }

                  @Override
                  public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                      MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                  }
                })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }
}
