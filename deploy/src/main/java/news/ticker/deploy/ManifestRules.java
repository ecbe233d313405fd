package news.ticker.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The deployment rules of Ticker's manifests, over a whole set of objects (base, or a rendered
 * overlay): what every Deployment must have, that no credential is written down, that references
 * resolve, that only the services reach Kafka and PostgreSQL, and what each overlay promises (dev:
 * one replica, replication 1; production: at least two replicas, autoscaling, disruption budgets,
 * topology spread, replication 3). Kubernetes kinds are read into fabric8's models, custom
 * resources (Strimzi, CloudNativePG) are read as they are written: their schema is their CRD's
 * ({@link CrdSchemas}), which {@link SchemaCheck} holds them to before any rule runs.
 */
public final class ManifestRules {

  /** Which set of objects is checked: the base alone, or an overlay rendered by kustomize. */
  public enum Profile {
    BASE,
    DEV,
    PRODUCTION
  }

  /** Partitions of every topic (Topics.PARTITIONS of the event contract). */
  public static final int PARTITIONS = 12;

  /** The non-root user and group the images run as (USER in every Dockerfile). */
  public static final long USER_ID = 10001;

  public static final String STARTED = "/q/health/started";
  public static final String READY = "/q/health/ready";
  public static final String LIVE = "/q/health/live";
  public static final String METRICS = "/q/metrics";

  /** ConfigMaps that the operator creates by hand (deploy/README.md), not part of the manifests. */
  static final Set<String> OUT_OF_BAND_CONFIG_MAPS = Set.of("ticker-jwt-public-key");

  /** Environment variables that are credentials whatever their name says otherwise. */
  static final Set<String> CREDENTIAL_VARIABLES =
      Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

  static final Pattern CREDENTIAL_NAME =
      Pattern.compile(
          ".*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|JAAS).*", Pattern.CASE_INSENSITIVE);

  private static final Pattern USERINFO_URL =
      Pattern.compile("[a-z][a-z0-9+.-]*://[^/@\\s]+:[^/@\\s]+@.*");

  private static final ObjectMapper READ =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final TypeReference<List<NetworkPolicyPeer>> PEERS = new TypeReference<>() {};

  /** The one Kafka authentication the services support (KafkaUser and listener). */
  private static final String SCRAM = "scram-sha-512";

  private final List<Manifest> manifests;
  private final Profile profile;
  private final List<String> problems = new ArrayList<>();

  private final Map<Manifest, Deployment> deployments = new LinkedHashMap<>();
  private final Map<Manifest, Service> services = new LinkedHashMap<>();
  private final Map<Manifest, ConfigMap> configMaps = new LinkedHashMap<>();
  private final Map<Manifest, Ingress> ingresses = new LinkedHashMap<>();
  private final Map<Manifest, NetworkPolicy> networkPolicies = new LinkedHashMap<>();
  private final Map<Manifest, HorizontalPodAutoscaler> autoscalers = new LinkedHashMap<>();
  private final Map<Manifest, PodDisruptionBudget> budgets = new LinkedHashMap<>();
  private final List<Manifest> kafkas = new ArrayList<>();
  private final List<Manifest> nodePools = new ArrayList<>();
  private final List<Manifest> topics = new ArrayList<>();
  private final List<Manifest> users = new ArrayList<>();
  private final List<Manifest> clusters = new ArrayList<>();
  private final List<Manifest> databases = new ArrayList<>();

  private ManifestRules(List<Manifest> manifests, Profile profile) {
    this.manifests = manifests;
    this.profile = profile;
  }

  /**
   * Schema problems of every object, then (if there are none) the rules of the profile; custom
   * resources are validated against the CRDs of {@link CrdSchemas#configured()}.
   *
   * @throws CrdSchemas.MissingCrdException if a custom resource has no CRD there
   */
  public static List<String> check(List<Manifest> manifests, Profile profile) {
    return check(manifests, profile, CrdSchemas::configured);
  }

  /** As {@link #check(List, Profile)}, with custom resources validated against these CRDs. */
  public static List<String> check(List<Manifest> manifests, Profile profile, CrdSchemas crds) {
    return check(manifests, profile, () -> crds);
  }

  private static List<String> check(
      List<Manifest> manifests, Profile profile, Supplier<CrdSchemas> crds) {
    List<String> problems = new ArrayList<>();
    for (Manifest m : manifests) {
      problems.addAll(SchemaCheck.check(m, crds));
    }
    if (problems.isEmpty()) {
      problems.addAll(new ManifestRules(manifests, profile).run());
    }
    return problems;
  }

  private List<String> run() {
    index();
    uniqueNames();
    for (Map.Entry<Manifest, Deployment> d : deployments.entrySet()) {
      deployment(d.getKey(), d.getValue());
    }
    noLiteralCredentials();
    references();
    services();
    ingresses();
    kafka();
    postgres();
    networkPolicies();
    switch (profile) {
      case DEV -> dev();
      case PRODUCTION -> production();
      case BASE -> {}
    }
    if (profile != Profile.BASE) {
      rendered();
    }
    return problems;
  }

  private void index() {
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

  // --- reading custom resources (JsonNode)

  private static JsonNode spec(Manifest m) {
    return m.node().path("spec");
  }

  /** A string value, or null if it is missing or no string. */
  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : null;
  }

  /** An integer value, or null if it is missing or no integer. */
  private static Integer integer(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
  }

  /** The items of an array (none if it is missing). */
  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private void problem(Manifest m, String message) {
    problems.add(m.where() + ": " + message);
  }

  private void uniqueNames() {
    Set<String> seen = new HashSet<>();
    for (Manifest m : manifests) {
      String key = m.type() + "/" + m.namespace() + "/" + m.name();
      if (!seen.add(key)) {
        problem(m, "defined more than once");
      }
    }
  }

  // --- Deployments
  // ------------------------------------------------------------------------------------------------

  private void deployment(Manifest m, Deployment d) {
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    if (!selects(d.getSpec().getSelector(), podLabels)) {
      problem(m, "spec.selector does not select the pod template's labels");
    }
    if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
      problem(
          m,
          "automountServiceAccountToken must be false (the services never call the Kubernetes API)");
    }
    PodSecurityContext psc = pod.getSecurityContext();
    if (psc == null
        || !Boolean.TRUE.equals(psc.getRunAsNonRoot())
        || !Objects.equals(psc.getRunAsUser(), USER_ID)
        || !Objects.equals(psc.getRunAsGroup(), USER_ID)) {
      problem(
          m, "pod securityContext must set runAsNonRoot: true and runAsUser/runAsGroup " + USER_ID);
    }
    if (psc == null
        || psc.getSeccompProfile() == null
        || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
      problem(m, "pod securityContext must use the RuntimeDefault seccomp profile");
    }
    if (pod.getContainers().isEmpty()) {
      problem(m, "has no container");
    }
    for (Container c : pod.getContainers()) {
      container(m, d, pod, c);
    }
    Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
    ContainerPort http =
        pod.getContainers().isEmpty() ? null : httpPort(pod.getContainers().get(0));
    if (annotations == null
        || !"true".equals(annotations.get("prometheus.io/scrape"))
        || !METRICS.equals(annotations.get("prometheus.io/path"))
        || http == null
        || !String.valueOf(http.getContainerPort()).equals(annotations.get("prometheus.io/port"))) {
      problem(
          m,
          "pod template needs the annotations prometheus.io/scrape \"true\", prometheus.io/path "
              + METRICS
              + " and prometheus.io/port of the http port");
    }
  }

  private void container(Manifest m, Deployment d, PodSpec pod, Container c) {
    String at = "container " + c.getName() + ": ";
    ContainerPort http = httpPort(c);
    if (http == null) {
      problem(m, at + "needs one port named http");
    }
    probe(m, at + "startupProbe", c.getStartupProbe(), STARTED, c);
    probe(m, at + "readinessProbe", c.getReadinessProbe(), READY, c);
    probe(m, at + "livenessProbe", c.getLivenessProbe(), LIVE, c);

    var resources = c.getResources();
    for (String kind : List.of("cpu", "memory")) {
      Quantity request =
          resources == null || resources.getRequests() == null
              ? null
              : resources.getRequests().get(kind);
      Quantity limit =
          resources == null || resources.getLimits() == null
              ? null
              : resources.getLimits().get(kind);
      if (request == null || limit == null) {
        problem(m, at + "needs requests and limits for " + kind);
      } else if (Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit))
          > 0) {
        problem(m, at + kind + " request is above its limit");
      }
    }

    SecurityContext sc = c.getSecurityContext();
    if (sc == null
        || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
        || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
        || Boolean.TRUE.equals(sc.getPrivileged())
        || Boolean.FALSE.equals(sc.getRunAsNonRoot())
        || (sc.getRunAsUser() != null && sc.getRunAsUser() == 0)
        || sc.getCapabilities() == null
        || !sc.getCapabilities().getDrop().contains("ALL")) {
      problem(
          m,
          at
              + "securityContext must set readOnlyRootFilesystem: true, allowPrivilegeEscalation: false and drop"
              + " ALL capabilities, and must not run as root or privileged");
    }
    Optional<VolumeMount> tmp =
        c.getVolumeMounts().stream().filter(v -> "/tmp".equals(v.getMountPath())).findFirst();
    boolean tmpIsEmptyDir =
        tmp.isPresent()
            && pod.getVolumes().stream()
                .anyMatch(v -> v.getName().equals(tmp.get().getName()) && v.getEmptyDir() != null);
    if (!tmpIsEmptyDir) {
      problem(m, at + "needs an emptyDir volume at /tmp (the root filesystem is read-only)");
    }
    for (EnvVar env : c.getEnv()) {
      boolean credential =
          CREDENTIAL_VARIABLES.contains(env.getName())
              || CREDENTIAL_NAME.matcher(env.getName()).matches();
      boolean fromSecret =
          env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
      if (credential && !fromSecret) {
        problem(m, at + "credential " + env.getName() + " must come from a secretKeyRef");
      }
      if (!credential && fromSecret) {
        problem(m, at + env.getName() + " comes from a Secret but is not a credential");
      }
    }
    for (EnvFromSource from : c.getEnvFrom()) {
      if (from.getSecretRef() != null) {
        problem(
            m, at + "envFrom secretRef is not allowed: name each credential with a secretKeyRef");
      }
    }
  }

  private void probe(Manifest m, String what, Probe probe, String path, Container c) {
    if (probe == null || probe.getHttpGet() == null) {
      problem(m, what + " must be an HTTP GET of " + path);
      return;
    }
    if (!path.equals(probe.getHttpGet().getPath())) {
      problem(m, what + " must check " + path + ", not " + probe.getHttpGet().getPath());
    }
    if (!portExists(c, probe.getHttpGet().getPort())) {
      problem(
          m,
          what
              + " port "
              + portText(probe.getHttpGet().getPort())
              + " is not a port of the container");
    }
  }

  private static ContainerPort httpPort(Container c) {
    return c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElse(null);
  }

  private static boolean portExists(Container c, IntOrString port) {
    if (port == null) {
      return false;
    }
    return c.getPorts().stream()
        .anyMatch(
            p ->
                port.getStrVal() != null
                    ? port.getStrVal().equals(p.getName())
                    : Objects.equals(port.getIntVal(), p.getContainerPort()));
  }

  private static String portText(IntOrString port) {
    return port == null
        ? "(none)"
        : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
  }

  // --- credentials
  // -------------------------------------------------------------------------------------------------

  private void noLiteralCredentials() {
    for (Manifest m : manifests) {
      if (m.kind().equals("Secret")) {
        for (String field : List.of("data", "stringData")) {
          if (m.node().path(field).size() > 0) {
            problem(
                m,
                "a Secret in the repository must not carry "
                    + field
                    + ": credentials are generated or "
                    + "created out of band");
          }
        }
      }
    }
    for (Map.Entry<Manifest, ConfigMap> e : configMaps.entrySet()) {
      Map<String, String> data = e.getValue().getData() == null ? Map.of() : e.getValue().getData();
      for (Map.Entry<String, String> entry : data.entrySet()) {
        if (CREDENTIAL_NAME.matcher(entry.getKey()).matches()
            || CREDENTIAL_VARIABLES.contains(entry.getKey())) {
          problem(
              e.getKey(),
              "key " + entry.getKey() + " looks like a credential: use a Secret and secretKeyRef");
        }
        String value = entry.getValue() == null ? "" : entry.getValue();
        if (USERINFO_URL.matcher(value).matches() || value.contains("PRIVATE KEY")) {
          problem(e.getKey(), "value of " + entry.getKey() + " carries a credential");
        }
      }
    }
  }

  // --- references
  // --------------------------------------------------------------------------------------------------

  private void references() {
    Set<String> configMapNames =
        configMaps.keySet().stream()
            .map(Manifest::name)
            .collect(Collectors.toCollection(HashSet::new));
    Map<String, List<String>> generatedSecrets = generatedSecrets();
    Set<String> caSecrets = caSecrets();
    for (Map.Entry<Manifest, Deployment> e : deployments.entrySet()) {
      PodSpec pod = e.getValue().getSpec().getTemplate().getSpec();
      for (Container c : pod.getContainers()) {
        for (EnvFromSource from : c.getEnvFrom()) {
          if (from.getConfigMapRef() != null
              && !configMapNames.contains(from.getConfigMapRef().getName())) {
            problem(
                e.getKey(),
                "envFrom names a ConfigMap that is not defined: "
                    + from.getConfigMapRef().getName());
          }
        }
        for (EnvVar env : c.getEnv()) {
          if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
            var ref = env.getValueFrom().getSecretKeyRef();
            List<String> keys = generatedSecrets.get(ref.getName());
            if (keys == null) {
              problem(
                  e.getKey(),
                  env.getName()
                      + " reads Secret "
                      + ref.getName()
                      + ", which no CloudNativePG Cluster here generates, nor a KafkaUser");
            } else if (!keys.contains(ref.getKey())) {
              problem(
                  e.getKey(),
                  env.getName()
                      + " reads key "
                      + ref.getKey()
                      + " of Secret "
                      + ref.getName()
                      + ", not "
                      + String.join(" or ", keys));
            }
          }
          if (env.getValueFrom() != null
              && env.getValueFrom().getConfigMapKeyRef() != null
              && !configMapNames.contains(env.getValueFrom().getConfigMapKeyRef().getName())) {
            problem(e.getKey(), env.getName() + " reads a ConfigMap that is not defined");
          }
        }
        for (VolumeMount mount : c.getVolumeMounts()) {
          if (pod.getVolumes().stream().noneMatch(v -> v.getName().equals(mount.getName()))) {
            problem(e.getKey(), "volumeMount " + mount.getName() + " has no volume");
          }
        }
      }
      for (Volume v : pod.getVolumes()) {
        if (v.getConfigMap() != null
            && !configMapNames.contains(v.getConfigMap().getName())
            && !OUT_OF_BAND_CONFIG_MAPS.contains(v.getConfigMap().getName())) {
          problem(
              e.getKey(),
              "volume "
                  + v.getName()
                  + " names an unknown ConfigMap "
                  + v.getConfigMap().getName());
        }
        if (v.getSecret() != null
            && (!caSecrets.contains(v.getSecret().getSecretName())
                || v.getSecret().getItems().isEmpty()
                || v.getSecret().getItems().stream().anyMatch(i -> !"ca.crt".equals(i.getKey())))) {
          problem(
              e.getKey(),
              "volume "
                  + v.getName()
                  + " mounts a Secret: the services need none but the operators' CA certificates "
                  + caSecrets
                  + ", and of those only the key ca.crt (items)");
        }
      }
    }
    for (Map.Entry<Manifest, HorizontalPodAutoscaler> e : autoscalers.entrySet()) {
      var target = e.getValue().getSpec().getScaleTargetRef();
      if (!"Deployment".equals(target.getKind()) || deployment(target.getName()) == null) {
        problem(e.getKey(), "scaleTargetRef names no Deployment here: " + target.getName());
      }
    }
    for (Map.Entry<Manifest, PodDisruptionBudget> e : budgets.entrySet()) {
      if (deployments.values().stream()
          .noneMatch(d -> selects(e.getValue().getSpec().getSelector(), podLabels(d)))) {
        problem(e.getKey(), "selects the pods of no Deployment");
      }
    }
  }

  /**
   * The Secrets the operators generate here that a service may read, with their keys: a Cluster's
   * {@code <name>-app} (the role's login), a SCRAM KafkaUser's {@code <name>} (its login).
   */
  private Map<String, List<String>> generatedSecrets() {
    Map<String, List<String>> secrets = new LinkedHashMap<>();
    for (Manifest c : clusters) {
      secrets.put(c.name() + "-app", List.of("username", "password"));
    }
    for (Manifest u : users) {
      if (SCRAM.equals(text(spec(u).path("authentication").path("type")))) {
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
  private Set<String> caSecrets() {
    Set<String> secrets = new java.util.TreeSet<>();
    kafkas.forEach(k -> secrets.add(k.name() + "-cluster-ca-cert"));
    clusters.forEach(c -> secrets.add(c.name() + "-ca"));
    return secrets;
  }

  /**
   * Whether a file path of a Deployment's first container lies in a volume of this Secret (and, if
   * the volume projects items, is one of them).
   */
  private static boolean fromSecret(Deployment d, String path, String secret) {
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

  private Deployment deployment(String name) {
    return deployments.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static Map<String, String> podLabels(Deployment d) {
    Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private void services() {
    for (Map.Entry<Manifest, Service> e : services.entrySet()) {
      Map<String, String> selector = e.getValue().getSpec().getSelector();
      List<Deployment> selected =
          deployments.values().stream()
              .filter(
                  d ->
                      selector != null
                          && !selector.isEmpty()
                          && podLabels(d).entrySet().containsAll(selector.entrySet()))
              .toList();
      if (selected.size() != 1) {
        problem(e.getKey(), "selects " + selected.size() + " Deployments, expected exactly one");
        continue;
      }
      Container c = selected.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
      for (ServicePort port : e.getValue().getSpec().getPorts()) {
        if (!portExists(c, port.getTargetPort())) {
          problem(
              e.getKey(),
              "targetPort " + portText(port.getTargetPort()) + " is no port of the selected pods");
        }
      }
    }
  }

  private void ingresses() {
    for (Map.Entry<Manifest, Ingress> e : ingresses.entrySet()) {
      Map<String, String> annotations =
          Objects.requireNonNullElse(e.getValue().getMetadata().getAnnotations(), Map.of());
      if (!"off".equals(annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"))) {
        problem(e.getKey(), "needs nginx.ingress.kubernetes.io/proxy-buffering: \"off\" (SSE)");
      }
      for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
        String value = String.valueOf(annotations.get("nginx.ingress.kubernetes.io/" + timeout));
        if (!value.matches("\\d+") || Integer.parseInt(value) < 600) {
          problem(
              e.getKey(),
              "needs nginx.ingress.kubernetes.io/" + timeout + " of at least 600 s (SSE)");
        }
      }
      for (IngressRule rule : e.getValue().getSpec().getRules()) {
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
          if (!path.getPath().startsWith("/api/")) {
            problem(
                e.getKey(),
                "routes " + path.getPath() + ": only /api/ is public (/q/ stays inside)");
          }
          backend(e.getKey(), path.getBackend());
        }
      }
    }
  }

  private void backend(Manifest m, IngressBackend backend) {
    if (backend.getService() == null) {
      problem(m, "backend without a service");
      return;
    }
    Optional<Service> service =
        services.entrySet().stream()
            .filter(s -> s.getKey().name().equals(backend.getService().getName()))
            .map(Map.Entry::getValue)
            .findFirst();
    if (service.isEmpty()) {
      problem(m, "backend service " + backend.getService().getName() + " is not defined");
      return;
    }
    var port = backend.getService().getPort();
    boolean found =
        service.get().getSpec().getPorts().stream()
            .anyMatch(
                p ->
                    port.getName() != null
                        ? port.getName().equals(p.getName())
                        : Objects.equals(port.getNumber(), p.getPort()));
    if (!found) {
      problem(
          m,
          "backend port of " + backend.getService().getName() + " is not a port of that Service");
    }
  }

  // --- Kafka (Strimzi)
  // ---------------------------------------------------------------------------------------------

  private void kafka() {
    if (kafkas.size() != 1) {
      problems.add("expected exactly one Strimzi Kafka, found " + kafkas.size());
      return;
    }
    Manifest km = kafkas.get(0);
    JsonNode kafka = spec(km).path("kafka");
    JsonNode autoCreate = kafka.path("config").path("auto.create.topics.enable");
    if (!autoCreate.isValueNode() || !"false".equals(autoCreate.asText())) {
      problem(km, "config auto.create.topics.enable must be false (topics are created explicitly)");
    }
    Optional<JsonNode> listener = servicesListener(km);
    if (listener.isEmpty()) {
      problem(km, "needs an internal listener for the services");
    } else {
      String name = listener.get().path("name").asText();
      expectSetting(km, "KAFKA_BOOTSTRAP_SERVERS", bootstrap(km, listener.get()));
      List<NetworkPolicyPeer> peers =
          READ.convertValue(listener.get().path("networkPolicyPeers"), PEERS);
      if (peers == null || peers.isEmpty()) {
        problem(
            km, "listener " + name + " needs networkPolicyPeers (else Strimzi opens it to all)");
      } else {
        peers(km, "listener " + name, peers, Map.of());
      }
      kafkaClients(km, listener.get());
    }
    for (Manifest topic : topics) {
      if (!km.name().equals(topic.labels().get("strimzi.io/cluster"))) {
        problem(topic, "label strimzi.io/cluster must name the Kafka " + km.name());
      }
      Integer partitions = integer(spec(topic).path("partitions"));
      if (partitions == null || partitions != PARTITIONS) {
        problem(topic, "must have " + PARTITIONS + " partitions");
      }
      Integer replicas = integer(spec(topic).path("replicas"));
      int minIsr = intConfig(spec(topic).path("config"), "min.insync.replicas", -1);
      if (minIsr < 1 || minIsr > (replicas == null ? 0 : replicas)) {
        problem(
            topic,
            "min.insync.replicas must be set, at least 1 and at most the replication factor");
      }
      String policy = text(spec(topic).path("config").path("cleanup.policy"));
      if (!"delete".equals(policy) && !"compact".equals(policy)) {
        problem(topic, "cleanup.policy must be explicit: delete or compact");
      }
    }
    for (Manifest owned : Stream.concat(nodePools.stream(), users.stream()).toList()) {
      if (!km.name().equals(owned.labels().get("strimzi.io/cluster"))) {
        problem(owned, "label strimzi.io/cluster must name the Kafka " + km.name());
      }
    }
  }

  /**
   * The internal listener the services connect to: the one their KAFKA_BOOTSTRAP_SERVERS names,
   * else the first plain one, else the first.
   */
  private Optional<JsonNode> servicesListener(Manifest km) {
    List<JsonNode> internal =
        stream(spec(km).path("kafka").path("listeners"))
            .filter(l -> "internal".equals(text(l.path("type"))))
            .toList();
    String used =
        deployments.values().stream()
            .map(d -> setting(d, "KAFKA_BOOTSTRAP_SERVERS"))
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
  private void kafkaClients(Manifest km, JsonNode listener) {
    String name = listener.path("name").asText();
    boolean tls = listener.path("tls").asBoolean(false);
    String authentication = text(listener.path("authentication").path("type"));
    if (authentication != null && !SCRAM.equals(authentication)) {
      problem(
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
    Map<String, List<String>> logins = generatedSecrets();
    Set<String> taken = new HashSet<>();
    for (Map.Entry<Manifest, Deployment> e : deployments.entrySet()) {
      Deployment d = e.getValue();
      String actual =
          Objects.requireNonNullElse(setting(d, "KAFKA_SECURITY_PROTOCOL"), "PLAINTEXT");
      if (!protocol.equals(actual)) {
        problem(
            e.getKey(),
            "KAFKA_SECURITY_PROTOCOL is " + actual + ", expected " + protocol + because);
      }
      String caSecret = km.name() + "-cluster-ca-cert";
      if (tls && !fromSecret(d, setting(d, "KAFKA_SSL_TRUSTSTORE_LOCATION"), caSecret)) {
        problem(
            e.getKey(),
            "KAFKA_SSL_TRUSTSTORE_LOCATION must name ca.crt of a volume of Secret "
                + caSecret
                + ", the brokers' CA"
                + because);
      }
      if (!scram) {
        continue;
      }
      if (!"SCRAM-SHA-512".equals(setting(d, "KAFKA_SASL_MECHANISM"))) {
        problem(e.getKey(), "KAFKA_SASL_MECHANISM must be SCRAM-SHA-512" + because);
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
        problem(
            e.getKey(),
            "KAFKA_SASL_JAAS_CONFIG must come from key sasl.jaas.config of a SCRAM KafkaUser's"
                + " Secret"
                + because);
      } else if (!taken.add(login.get().getName())) {
        problem(
            e.getKey(),
            "shares KafkaUser "
                + login.get().getName()
                + " with another service (one KafkaUser per service)");
      }
    }
  }

  private int brokers() {
    return poolReplicas("broker");
  }

  private int controllers() {
    return poolReplicas("controller");
  }

  /** The nodes of the KafkaNodePools with this role. */
  private int poolReplicas(String role) {
    return nodePools.stream()
        .filter(p -> stream(spec(p).path("roles")).anyMatch(r -> role.equals(r.asText())))
        .mapToInt(p -> spec(p).path("replicas").asInt(0))
        .sum();
  }

  /** A Kafka config value as an int (a number or a numeric string), else {@code otherwise}. */
  private static int intConfig(JsonNode config, String key, int otherwise) {
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

  /** Every Deployment that sets a variable (through its ConfigMaps) must set it to this value. */
  private void expectSetting(Manifest owner, String variable, String expected) {
    for (Map.Entry<Manifest, Deployment> d : deployments.entrySet()) {
      String actual = setting(d.getValue(), variable);
      if (!expected.equals(actual)) {
        problem(
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

  /**
   * The value a Deployment's first container gets for a variable: env value, else its ConfigMaps
   * (last wins).
   */
  private String setting(Deployment d, String variable) {
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

  // --- PostgreSQL (CloudNativePG)
  // ----------------------------------------------------------------------------------

  private void postgres() {
    if (clusters.size() != 1) {
      problems.add("expected exactly one CloudNativePG Cluster, found " + clusters.size());
      return;
    }
    Manifest cm = clusters.get(0);
    JsonNode initdb = spec(cm).path("bootstrap").path("initdb");
    String owner = text(initdb.path("owner"));
    String database = text(initdb.path("database"));
    if (owner == null || database == null) {
      problem(cm, "bootstrap.initdb must name the database and its owner (the services' role)");
      return;
    }
    if (!initdb.path("secret").isMissingNode() && !initdb.path("secret").isNull()) {
      problem(
          cm,
          "bootstrap.initdb.secret must be left out, so that CloudNativePG generates the credentials");
    }
    JsonNode superuser = spec(cm).path("enableSuperuserAccess");
    if (!superuser.isBoolean() || superuser.booleanValue()) {
      problem(cm, "enableSuperuserAccess must be false");
    }
    Set<String> names = new HashSet<>(Set.of(database));
    for (Manifest db : databases) {
      String cluster = text(spec(db).path("cluster").path("name"));
      if (!cm.name().equals(cluster)) {
        problem(db, "names Cluster " + cluster + ", which is not defined");
      }
      if (!owner.equals(text(spec(db).path("owner")))) {
        problem(db, "owner must be " + owner + ", the role the services log in as");
      }
      if ("delete".equals(text(spec(db).path("databaseReclaimPolicy")))) {
        problem(db, "databaseReclaimPolicy delete would drop the database with this resource");
      }
      if (!names.add(text(spec(db).path("name")))) {
        problem(db, "database " + text(spec(db).path("name")) + " is declared twice");
      }
    }
    String host = cm.name() + "-rw";
    Set<String> used = new HashSet<>();
    for (Map.Entry<Manifest, Deployment> d : deployments.entrySet()) {
      String reactive = setting(d.getValue(), "QUARKUS_DATASOURCE_REACTIVE_URL");
      String jdbc = setting(d.getValue(), "QUARKUS_DATASOURCE_JDBC_URL");
      if (reactive == null || jdbc == null) {
        problem(
            d.getKey(), "needs QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL");
        continue;
      }
      if (!("jdbc:" + withoutQuery(reactive)).equals(withoutQuery(jdbc))) {
        problem(d.getKey(), "the JDBC and reactive datasource URLs name different databases");
      }
      postgresTls(cm, d.getKey(), d.getValue(), jdbc);
      URI uri = URI.create(withoutQuery(reactive));
      String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (!"postgresql".equals(uri.getScheme())
          || !host.equals(uri.getHost())
          || uri.getPort() != 5432) {
        problem(
            d.getKey(), "datasource must be postgresql://" + host + ":5432/<db>, is " + reactive);
      }
      if (!names.contains(db)) {
        problem(
            d.getKey(), "database " + db + " is neither bootstrapped nor declared by a Database");
      }
      if (!used.add(db)) {
        problem(
            d.getKey(),
            "shares database " + db + " with another service (one database per service)");
      }
    }
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /**
   * Both datasources use the same TLS mode (JDBC: the URL's sslmode; reactive:
   * QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE), and a verify-* mode checks the server against
   * CloudNativePG's CA certificate (Secret {@code <cluster>-ca}) mounted into the pod.
   */
  private void postgresTls(Manifest cm, Manifest m, Deployment d, String jdbc) {
    Map<String, String> parameters = new LinkedHashMap<>();
    int query = jdbc.indexOf('?');
    if (query >= 0) {
      for (String parameter : jdbc.substring(query + 1).split("&")) {
        int eq = parameter.indexOf('=');
        parameters.put(
            eq < 0 ? parameter : parameter.substring(0, eq),
            eq < 0 ? "" : parameter.substring(eq + 1));
      }
    }
    String jdbcMode = parameters.get("sslmode");
    String reactiveMode = setting(d, "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE");
    if (!Objects.equals(jdbcMode, reactiveMode)) {
      problem(
          m,
          "the JDBC (sslmode "
              + jdbcMode
              + ") and reactive (QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE "
              + reactiveMode
              + ") datasources use different TLS modes");
      return;
    }
    if (jdbcMode == null || !jdbcMode.startsWith("verify-")) {
      return;
    }
    String ca = cm.name() + "-ca";
    if (!fromSecret(d, parameters.get("sslrootcert"), ca)
        || !"true".equals(setting(d, "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM"))
        || !fromSecret(
            d, setting(d, "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"), ca)) {
      problem(
          m,
          "sslmode "
              + jdbcMode
              + " needs the JDBC URL's sslrootcert and the reactive"
              + " QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM(_CERTS) to name ca.crt of a volume"
              + " of Secret "
              + ca);
    }
  }

  // --- NetworkPolicies
  // ---------------------------------------------------------------------------------------------

  private void networkPolicies() {
    for (Manifest km : kafkas) {
      Optional<JsonNode> listener = servicesListener(km);
      if (listener.isEmpty()) {
        continue;
      }
      guarded(
          km,
          Map.of(
              "strimzi.io/cluster",
              km.name(),
              "strimzi.io/kind",
              "Kafka",
              "strimzi.io/name",
              km.name() + "-kafka"),
          listener.get().path("port").asInt(),
          Map.of("strimzi.io/cluster", km.name()),
          Map.of("strimzi.io/kind", "cluster-operator"));
    }
    for (Manifest cm : clusters) {
      guarded(
          cm,
          Map.of("cnpg.io/cluster", cm.name(), "cnpg.io/podRole", "instance"),
          5432,
          Map.of("cnpg.io/cluster", cm.name()),
          Map.of("app.kubernetes.io/name", "cloudnative-pg"));
    }
  }

  /**
   * The pods of {@code owner} (labels {@code target}) must be selected by a NetworkPolicy whose
   * rules let exactly the services (and the owner's own pods, and its operator from another
   * namespace) reach {@code port}.
   */
  private void guarded(
      Manifest owner,
      Map<String, String> target,
      int port,
      Map<String, String> self,
      Map<String, String> operator) {
    List<Map.Entry<Manifest, NetworkPolicy>> guarding =
        networkPolicies.entrySet().stream()
            .filter(e -> selects(e.getValue().getSpec().getPodSelector(), target))
            .toList();
    if (guarding.isEmpty()) {
      problem(owner, "no NetworkPolicy restricts who reaches its pods");
      return;
    }
    Set<Manifest> allowed = new HashSet<>();
    for (Map.Entry<Manifest, NetworkPolicy> e : guarding) {
      List<String> types = e.getValue().getSpec().getPolicyTypes();
      if (types == null || !types.contains("Ingress")) {
        problem(e.getKey(), "policyTypes must include Ingress");
      }
      for (NetworkPolicyIngressRule rule : e.getValue().getSpec().getIngress()) {
        if (!allowsPort(rule, port)) {
          continue;
        }
        if (rule.getFrom().isEmpty()) {
          problem(e.getKey(), "a rule opens port " + port + " to every source");
          continue;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          if (peer.getIpBlock() != null) {
            problem(e.getKey(), "an ipBlock may reach port " + port + ": only the services may");
          } else if (peer.getNamespaceSelector() != null) {
            if (peer.getPodSelector() == null
                || peer.getPodSelector().getMatchLabels() == null
                || !peer.getPodSelector()
                    .getMatchLabels()
                    .entrySet()
                    .containsAll(operator.entrySet())) {
              problem(
                  e.getKey(),
                  "pods of other namespaces may reach port "
                      + port
                      + ": only the operator "
                      + operator);
            }
          } else if (selects(peer.getPodSelector(), self)
              && !selectsAnyService(peer.getPodSelector())) {
            // the owner's own pods (replication, quorum)
          } else {
            allowed.addAll(peers(e.getKey(), "a rule for port " + port, List.of(peer), self));
          }
        }
      }
    }
    for (Manifest d : deployments.keySet()) {
      if (!allowed.contains(d)) {
        problem(owner, "its NetworkPolicy does not let " + d.name() + " reach port " + port);
      }
    }
  }

  /**
   * Peers in the namespace must select only service pods (and at least one); returns the
   * Deployments selected.
   */
  private Set<Manifest> peers(
      Manifest where, String what, List<NetworkPolicyPeer> peers, Map<String, String> self) {
    Set<Manifest> selected = new HashSet<>();
    for (NetworkPolicyPeer peer : peers) {
      LabelSelector selector = peer.getPodSelector();
      if (peer.getNamespaceSelector() != null || peer.getIpBlock() != null) {
        problem(where, what + ": peers must be pods of this namespace");
        continue;
      }
      if (selector == null
          || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
              && selector.getMatchExpressions().isEmpty())) {
        problem(where, what + ": an empty podSelector admits every pod of the namespace");
        continue;
      }
      boolean any = false;
      for (Map.Entry<Manifest, Deployment> d : deployments.entrySet()) {
        if (selects(selector, podLabels(d.getValue()))) {
          selected.add(d.getKey());
          any = true;
        }
      }
      if (!any) {
        problem(
            where, what + ": podSelector " + selector.getMatchLabels() + " selects no service pod");
      }
      if (!self.isEmpty() && selects(selector, self)) {
        problem(where, what + ": podSelector also admits the operator-managed pods");
      }
    }
    return selected;
  }

  private boolean selectsAnyService(LabelSelector selector) {
    return deployments.values().stream().anyMatch(d -> selects(selector, podLabels(d)));
  }

  private static boolean allowsPort(NetworkPolicyIngressRule rule, int port) {
    if (rule.getPorts().isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort p : rule.getPorts()) {
      if (p.getPort() == null || Objects.equals(p.getPort().getIntVal(), port)) {
        return true;
      }
    }
    return false;
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

  // --- overlays
  // ----------------------------------------------------------------------------------------------------

  private void dev() {
    for (Map.Entry<Manifest, Deployment> e : deployments.entrySet()) {
      if (!Objects.equals(e.getValue().getSpec().getReplicas(), 1)) {
        problem(e.getKey(), "dev runs one replica");
      }
      for (Container c : e.getValue().getSpec().getTemplate().getSpec().getContainers()) {
        Quantity memory =
            c.getResources() == null || c.getResources().getLimits() == null
                ? null
                : c.getResources().getLimits().get("memory");
        if (memory != null
            && Quantity.getAmountInBytes(memory)
                    .compareTo(Quantity.getAmountInBytes(new Quantity("1Gi")))
                > 0) {
          problem(e.getKey(), "dev resources stay small (memory limit at most 1Gi)");
        }
      }
    }
    kafkaReplication(1, 1);
    for (Manifest cluster : clusters) {
      if (!Objects.equals(integer(spec(cluster).path("instances")), 1)) {
        problem(cluster, "dev runs one PostgreSQL instance");
      }
    }
  }

  private void production() {
    for (Map.Entry<Manifest, Deployment> e : deployments.entrySet()) {
      Manifest m = e.getKey();
      Deployment d = e.getValue();
      Map<String, String> labels = podLabels(d);
      Integer replicas = d.getSpec().getReplicas();
      if (replicas == null || replicas < 2) {
        problem(m, "production runs at least 2 replicas");
      }
      List<HorizontalPodAutoscaler> hpas =
          autoscalers.values().stream()
              .filter(h -> m.name().equals(h.getSpec().getScaleTargetRef().getName()))
              .toList();
      if (hpas.size() != 1) {
        problem(m, "needs one HorizontalPodAutoscaler");
      } else {
        var spec = hpas.get(0).getSpec();
        if (spec.getMinReplicas() == null || spec.getMinReplicas() < 2) {
          problem(m, "HorizontalPodAutoscaler minReplicas must be at least 2");
        }
        if (spec.getMaxReplicas() > PARTITIONS
            || spec.getMaxReplicas()
                < (spec.getMinReplicas() == null ? 1 : spec.getMinReplicas())) {
          problem(
              m,
              "HorizontalPodAutoscaler maxReplicas must lie between minReplicas and "
                  + PARTITIONS
                  + " (the partitions its consumer group can share)");
        }
      }
      List<PodDisruptionBudget> pdbs =
          budgets.values().stream()
              .filter(b -> selects(b.getSpec().getSelector(), labels))
              .toList();
      if (pdbs.size() != 1) {
        problem(m, "needs one PodDisruptionBudget");
      } else {
        IntOrString minAvailable = pdbs.get(0).getSpec().getMinAvailable();
        if (minAvailable == null
            || minAvailable.getIntVal() == null
            || minAvailable.getIntVal() < 1
            || minAvailable.getIntVal() >= 2) {
          problem(
              m,
              "PodDisruptionBudget minAvailable must be 1 (below the 2 replicas, so drains can proceed)");
        }
      }
      List<TopologySpreadConstraint> spread =
          d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
      for (String key : List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname")) {
        boolean found =
            spread.stream()
                .anyMatch(
                    t -> key.equals(t.getTopologyKey()) && selects(t.getLabelSelector(), labels));
        if (!found) {
          problem(m, "needs a topologySpreadConstraint over " + key + " selecting its own pods");
        }
      }
    }
    kafkaReplication(3, 2);
    productionAccess();
    if (controllers() < 3 || controllers() % 2 == 0) {
      problems.add(
          "production needs an odd number of at least 3 KRaft controllers, has " + controllers());
    }
    for (Manifest pool : nodePools) {
      if (spec(pool).path("storage").toString().contains("\"ephemeral\"")) {
        problem(pool, "production Kafka storage must be persistent");
      }
      if (spec(pool).path("storage").toString().contains("\"deleteClaim\":true")) {
        problem(
            pool, "production Kafka volumes must survive deleting the pool (deleteClaim: false)");
      }
    }
    for (Manifest cluster : clusters) {
      Integer instances = integer(spec(cluster).path("instances"));
      if (instances == null || instances < 3) {
        problem(cluster, "production runs at least 3 PostgreSQL instances");
      }
    }
    for (Map.Entry<Manifest, Ingress> e : ingresses.entrySet()) {
      Set<String> tlsHosts = new HashSet<>();
      for (IngressTLS tls : e.getValue().getSpec().getTls()) {
        tlsHosts.addAll(tls.getHosts());
      }
      for (IngressRule rule : e.getValue().getSpec().getRules()) {
        if (!tlsHosts.contains(rule.getHost())) {
          problem(e.getKey(), "production serves " + rule.getHost() + " over TLS");
        }
      }
    }
  }

  /**
   * Production guards its source of truth: every Kafka listener is TLS with SCRAM-SHA-512 logins,
   * ACLs are enforced ({@code authorization: simple}) with the User Operator turning KafkaUsers
   * into credentials, every service has a KafkaUser (the services' own-user rule checks the login),
   * and both datasources verify PostgreSQL's certificate and host name.
   */
  private void productionAccess() {
    for (Manifest kafka : kafkas) {
      for (JsonNode listener : spec(kafka).path("kafka").path("listeners")) {
        if (!listener.path("tls").asBoolean(false)
            || !SCRAM.equals(listener.at("/authentication/type").asText())) {
          problem(
              kafka,
              "production listener "
                  + listener.path("name").asText()
                  + " must use TLS and "
                  + SCRAM
                  + " authentication");
        }
      }
      if (!"simple".equals(spec(kafka).at("/kafka/authorization/type").asText())) {
        problem(kafka, "production Kafka must enforce ACLs (authorization: simple)");
      }
      if (!spec(kafka).at("/entityOperator/userOperator").isObject()) {
        problem(kafka, "production Kafka needs the User Operator for its KafkaUsers");
      }
    }
    if (users.size() < deployments.size()) {
      problems.add(
          "production needs a KafkaUser per service, has "
              + users.size()
              + " for "
              + deployments.size()
              + " services");
    }
    for (Map.Entry<Manifest, Deployment> e : deployments.entrySet()) {
      Deployment d = e.getValue();
      if (!"verify-full".equals(setting(d, "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"))
          || !"HTTPS"
              .equals(setting(d, "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"))) {
        problem(
            e.getKey(),
            "production verifies PostgreSQL's certificate and host name (sslmode verify-full,"
                + " QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS)");
      }
    }
  }

  /**
   * Broker defaults and every topic: this replication factor and min.insync.replicas, within the
   * broker count.
   */
  private void kafkaReplication(int replication, int minIsr) {
    for (Manifest kafka : kafkas) {
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
          problem(kafka, "config " + x.getKey() + " must be " + x.getValue());
        }
      }
    }
    for (Manifest topic : topics) {
      if (!Objects.equals(integer(spec(topic).path("replicas")), replication)
          || intConfig(spec(topic).path("config"), "min.insync.replicas", -1) != minIsr) {
        problem(topic, "must have replicas " + replication + " and min.insync.replicas " + minIsr);
      }
    }
  }

  /**
   * What holds for any rendered overlay: a namespace for everything, tagged images, node pools for
   * the topics.
   */
  private void rendered() {
    List<Manifest> namespaces =
        manifests.stream().filter(m -> m.type().equals("v1/Namespace")).toList();
    if (namespaces.size() != 1) {
      problems.add(
          "a rendered overlay must contain exactly one Namespace, found " + namespaces.size());
    } else {
      String ns = namespaces.get(0).name();
      for (Manifest m : manifests) {
        if (m != namespaces.get(0) && !ns.equals(m.namespace())) {
          problem(m, "must be in namespace " + ns);
        }
      }
    }
    for (Map.Entry<Manifest, Deployment> e : deployments.entrySet()) {
      for (Container c : e.getValue().getSpec().getTemplate().getSpec().getContainers()) {
        String image = c.getImage();
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
          problem(e.getKey(), "image " + image + " needs an explicit tag other than latest");
        }
      }
    }
    if (brokers() < 1 || controllers() < 1) {
      problems.add("the Kafka needs KafkaNodePools with the broker and controller roles");
    }
    for (Manifest topic : topics) {
      Integer replicas = integer(spec(topic).path("replicas"));
      if (replicas != null && replicas > brokers()) {
        problem(topic, "replicas " + replicas + " exceed the " + brokers() + " broker(s)");
      }
    }
  }
}
