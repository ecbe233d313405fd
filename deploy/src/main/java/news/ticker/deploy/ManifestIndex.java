package news.ticker.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One set of objects as the rules see it, indexed by kind once: Kubernetes kinds read into
 * fabric8's models, custom resources (Strimzi, CloudNativePG) kept as written. Holds the readings
 * that several concerns share (a service's settings, the Secrets the operators generate, label
 * selection) and collects the problems every concern finds, in the order they find them.
 */
final class ManifestIndex {

  static final ObjectMapper READ =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  final List<Manifest> manifests;
  final Map<Manifest, Deployment> deployments = new LinkedHashMap<>();
  final Map<Manifest, Service> services = new LinkedHashMap<>();
  final Map<Manifest, ConfigMap> configMaps = new LinkedHashMap<>();
  final Map<Manifest, Ingress> ingresses = new LinkedHashMap<>();
  final Map<Manifest, NetworkPolicy> networkPolicies = new LinkedHashMap<>();
  final Map<Manifest, HorizontalPodAutoscaler> autoscalers = new LinkedHashMap<>();
  final Map<Manifest, PodDisruptionBudget> budgets = new LinkedHashMap<>();
  final List<Manifest> kafkas = new ArrayList<>();
  final List<Manifest> nodePools = new ArrayList<>();
  final List<Manifest> topics = new ArrayList<>();
  final List<Manifest> users = new ArrayList<>();
  final List<Manifest> clusters = new ArrayList<>();
  final List<Manifest> databases = new ArrayList<>();

  private final List<String> problems = new ArrayList<>();

  ManifestIndex(List<Manifest> manifests) {
    this.manifests = manifests;
    for (Manifest m : manifests) {
      switch (m.type()) {
        case "apps/v1/Deployment" -> deployments.put(m, read(m, Deployment.class));
        case "v1/Service" -> services.put(m, read(m, Service.class));
        case "v1/ConfigMap" -> configMaps.put(m, read(m, ConfigMap.class));
        case "networking.k8s.io/v1/Ingress" -> ingresses.put(m, read(m, Ingress.class));
        case "networking.k8s.io/v1/NetworkPolicy" ->
            networkPolicies.put(m, read(m, NetworkPolicy.class));
        case "autoscaling/v2/HorizontalPodAutoscaler" ->
            autoscalers.put(m, read(m, HorizontalPodAutoscaler.class));
        case "policy/v1/PodDisruptionBudget" -> budgets.put(m, read(m, PodDisruptionBudget.class));
        case "kafka.strimzi.io/v1/Kafka" -> kafkas.add(m);
        case "kafka.strimzi.io/v1/KafkaNodePool" -> nodePools.add(m);
        case "kafka.strimzi.io/v1/KafkaTopic" -> topics.add(m);
        case "kafka.strimzi.io/v1/KafkaUser" -> users.add(m);
        case "postgresql.cnpg.io/v1/Cluster" -> clusters.add(m);
        case "postgresql.cnpg.io/v1/Database" -> databases.add(m);
        default -> {}
      }
    }
  }

  private static <T> T read(Manifest m, Class<T> type) {
    return READ.convertValue(m.node(), type);
  }

  // --- problems

  /** A problem of one object: {@code file: Kind/name: message}. */
  void problem(Manifest m, String message) {
    problems.add(m.where() + ": " + message);
  }

  /** A problem of the set as a whole. */
  void problem(String message) {
    problems.add(message);
  }

  List<String> problems() {
    return problems;
  }

  // --- reading custom resources (JsonNode)

  static JsonNode spec(Manifest m) {
    return m.node().path("spec");
  }

  /** A string value, or null if it is missing or no string. */
  static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : null;
  }

  /** An integer value, or null if it is missing or no integer. */
  static Integer integer(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
  }

  /** The items of an array (none if it is missing). */
  static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  /** A Kafka config value as an int (a number or a numeric string), else {@code otherwise}. */
  static int intConfig(JsonNode config, String key, int otherwise) {
    JsonNode value = config.path(key);
    if (!value.isValueNode() || value.isNull()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.asText());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** The nodes of the KafkaNodePools with the broker role. */
  int brokers() {
    return poolReplicas("broker");
  }

  /** The nodes of the KafkaNodePools with the controller role. */
  int controllers() {
    return poolReplicas("controller");
  }

  private int poolReplicas(String role) {
    return nodePools.stream()
        .filter(p -> stream(spec(p).path("roles")).anyMatch(r -> role.equals(r.asText())))
        .mapToInt(p -> spec(p).path("replicas").asInt(0))
        .sum();
  }

  // --- the services (Deployments)

  Deployment deployment(String name) {
    return deployments.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  static Map<String, String> podLabels(Deployment d) {
    Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  /**
   * matchLabels semantics (the manifests use no matchExpressions; a selector with them never
   * matches here).
   */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null || labels == null) {
      return false;
    }
    if (!selector.getMatchExpressions().isEmpty()) {
      return false;
    }
    Map<String, String> match =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    return labels.entrySet().containsAll(match.entrySet());
  }

  /**
   * The value a Deployment's first container gets for a variable: env value, else its ConfigMaps
   * (last wins).
   */
  String setting(Deployment d, String variable) {
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    String value = null;
    for (EnvFromSource from : c.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        for (Map.Entry<Manifest, ConfigMap> cm : configMaps.entrySet()) {
          if (cm.getKey().name().equals(from.getConfigMapRef().getName())
              && cm.getValue().getData() != null
              && cm.getValue().getData().containsKey(variable)) {
            value = cm.getValue().getData().get(variable);
          }
        }
      }
    }
    for (EnvVar env : c.getEnv()) {
      if (env.getName().equals(variable) && env.getValue() != null) {
        value = env.getValue();
      }
    }
    return value;
  }

  /**
   * Whether a file path of a Deployment's first container lies in a volume of this Secret (and, if
   * the volume projects items, is one of them).
   */
  static boolean fromSecret(Deployment d, String path, String secret) {
    if (path == null) {
      return false;
    }
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    for (VolumeMount mount : pod.getContainers().get(0).getVolumeMounts()) {
      String dir = mount.getMountPath().replaceFirst("/*$", "/");
      if (!path.startsWith(dir)) {
        continue;
      }
      String file = path.substring(dir.length());
      for (Volume v : pod.getVolumes()) {
        if (v.getName().equals(mount.getName())
            && v.getSecret() != null
            && secret.equals(v.getSecret().getSecretName())
            && (v.getSecret().getItems().isEmpty()
                || v.getSecret().getItems().stream().anyMatch(i -> file.equals(i.getPath())))) {
          return true;
        }
      }
    }
    return false;
  }

  // --- the Secrets the operators generate

  /**
   * The Secrets the operators generate here that a service may read, with their keys: a Cluster's
   * {@code <name>-app} (the role's login), a SCRAM KafkaUser's {@code <name>} (its login).
   */
  Map<String, List<String>> generatedSecrets() {
    Map<String, List<String>> secrets = new LinkedHashMap<>();
    for (Manifest c : clusters) {
      secrets.put(c.name() + "-app", List.of("username", "password"));
    }
    for (Manifest u : users) {
      if (KafkaRules.SCRAM.equals(text(spec(u).path("authentication").path("type")))) {
        secrets.put(u.name(), List.of("password", "sasl.jaas.config"));
      }
    }
    return secrets;
  }

  /**
   * The Secrets with the CA certificates that sign the servers' certificates, which a service may
   * mount to verify them: Strimzi's {@code <kafka>-cluster-ca-cert}, CloudNativePG's {@code
   * <cluster>-ca} (which also holds the CA's key: hence only the item ca.crt).
   */
  Set<String> caSecrets() {
    Set<String> secrets = new TreeSet<>();
    kafkas.forEach(k -> secrets.add(k.name() + "-cluster-ca-cert"));
    clusters.forEach(c -> secrets.add(c.name() + "-ca"));
    return secrets;
  }
}
