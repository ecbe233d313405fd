package news.ticker.deploy;

import static news.ticker.deploy.ManifestIndex.podLabels;
import static news.ticker.deploy.ManifestIndex.selects;
import static news.ticker.deploy.PodRules.portExists;
import static news.ticker.deploy.PodRules.portText;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * References resolve: the ConfigMaps, Secrets (those the operators generate; of CA Secrets only
 * ca.crt) and volumes a Deployment names, the targets of autoscalers and disruption budgets, the
 * pods and ports of Services, the backends of Ingresses (which also keep SSE working and only
 * {@code /api/} public).
 */
final class ReferenceRules {

  /** ConfigMaps that the operator creates by hand (deploy/README.md), not part of the manifests. */
  static final Set<String> OUT_OF_BAND_CONFIG_MAPS = Set.of("ticker-jwt-public-key");

  private final ManifestIndex index;

  ReferenceRules(ManifestIndex index) {
    this.index = index;
  }

  void check() {
    references();
    services();
    ingresses();
  }

  private void references() {
    Set<String> configMapNames =
        index.configMaps.keySet().stream()
            .map(Manifest::name)
            .collect(Collectors.toCollection(HashSet::new));
    Map<String, List<String>> generatedSecrets = index.generatedSecrets();
    Set<String> caSecrets = index.caSecrets();
    for (Map.Entry<Manifest, Deployment> e : index.deployments.entrySet()) {
      PodSpec pod = e.getValue().getSpec().getTemplate().getSpec();
      for (Container c : pod.getContainers()) {
        for (EnvFromSource from : c.getEnvFrom()) {
          if (from.getConfigMapRef() != null
              && !configMapNames.contains(from.getConfigMapRef().getName())) {
            index.problem(
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
              index.problem(
                  e.getKey(),
                  env.getName()
                      + " reads Secret "
                      + ref.getName()
                      + ", which no CloudNativePG Cluster here generates, nor a KafkaUser");
            } else if (!keys.contains(ref.getKey())) {
              index.problem(
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
            index.problem(e.getKey(), env.getName() + " reads a ConfigMap that is not defined");
          }
        }
        for (VolumeMount mount : c.getVolumeMounts()) {
          if (pod.getVolumes().stream().noneMatch(v -> v.getName().equals(mount.getName()))) {
            index.problem(e.getKey(), "volumeMount " + mount.getName() + " has no volume");
          }
        }
      }
      for (Volume v : pod.getVolumes()) {
        if (v.getConfigMap() != null
            && !configMapNames.contains(v.getConfigMap().getName())
            && !OUT_OF_BAND_CONFIG_MAPS.contains(v.getConfigMap().getName())) {
          index.problem(
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
          index.problem(
              e.getKey(),
              "volume "
                  + v.getName()
                  + " mounts a Secret: the services need none but the operators' CA certificates "
                  + caSecrets
                  + ", and of those only the key ca.crt (items)");
        }
      }
    }
    for (Map.Entry<Manifest, HorizontalPodAutoscaler> e : index.autoscalers.entrySet()) {
      var target = e.getValue().getSpec().getScaleTargetRef();
      if (!"Deployment".equals(target.getKind()) || index.deployment(target.getName()) == null) {
        index.problem(e.getKey(), "scaleTargetRef names no Deployment here: " + target.getName());
      }
    }
    for (Map.Entry<Manifest, PodDisruptionBudget> e : index.budgets.entrySet()) {
      if (index.deployments.values().stream()
          .noneMatch(d -> selects(e.getValue().getSpec().getSelector(), podLabels(d)))) {
        index.problem(e.getKey(), "selects the pods of no Deployment");
      }
    }
  }

  private void services() {
    for (Map.Entry<Manifest, Service> e : index.services.entrySet()) {
      Map<String, String> selector = e.getValue().getSpec().getSelector();
      List<Deployment> selected =
          index.deployments.values().stream()
              .filter(
                  d ->
                      selector != null
                          && !selector.isEmpty()
                          && podLabels(d).entrySet().containsAll(selector.entrySet()))
              .toList();
      if (selected.size() != 1) {
        index.problem(
            e.getKey(), "selects " + selected.size() + " Deployments, expected exactly one");
        continue;
      }
      Container c = selected.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
      for (ServicePort port : e.getValue().getSpec().getPorts()) {
        if (!portExists(c, port.getTargetPort())) {
          index.problem(
              e.getKey(),
              "targetPort " + portText(port.getTargetPort()) + " is no port of the selected pods");
        }
      }
    }
  }

  private void ingresses() {
    for (Map.Entry<Manifest, Ingress> e : index.ingresses.entrySet()) {
      Map<String, String> annotations =
          Objects.requireNonNullElse(e.getValue().getMetadata().getAnnotations(), Map.of());
      if (!"off".equals(annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"))) {
        index.problem(
            e.getKey(), "needs nginx.ingress.kubernetes.io/proxy-buffering: \"off\" (SSE)");
      }
      for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
        String value = String.valueOf(annotations.get("nginx.ingress.kubernetes.io/" + timeout));
        if (!value.matches("\\d+") || Integer.parseInt(value) < 600) {
          index.problem(
              e.getKey(),
              "needs nginx.ingress.kubernetes.io/" + timeout + " of at least 600 s (SSE)");
        }
      }
      for (IngressRule rule : e.getValue().getSpec().getRules()) {
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
          if (!path.getPath().startsWith("/api/")) {
            index.problem(
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
      index.problem(m, "backend without a service");
      return;
    }
    Optional<Service> service =
        index.services.entrySet().stream()
            .filter(s -> s.getKey().name().equals(backend.getService().getName()))
            .map(Map.Entry::getValue)
            .findFirst();
    if (service.isEmpty()) {
      index.problem(m, "backend service " + backend.getService().getName() + " is not defined");
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
      index.problem(
          m,
          "backend port of " + backend.getService().getName() + " is not a port of that Service");
    }
  }
}
