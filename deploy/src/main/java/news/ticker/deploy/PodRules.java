package news.ticker.deploy;

import static news.ticker.deploy.ManifestIndex.selects;
import static news.ticker.deploy.ManifestRules.LIVE;
import static news.ticker.deploy.ManifestRules.METRICS;
import static news.ticker.deploy.ManifestRules.READY;
import static news.ticker.deploy.ManifestRules.STARTED;
import static news.ticker.deploy.ManifestRules.USER_ID;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Deployment's pods must have: a selector that selects them, no service account token, a
 * non-root user with the RuntimeDefault seccomp profile, the three health probes on a port of the
 * container, requests and limits, a locked-down container security context with an emptyDir {@code
 * /tmp}, credentials only from Secrets ({@link CredentialRules#container}) and the Prometheus
 * annotations.
 */
final class PodRules {

  private final ManifestIndex index;
  private final CredentialRules credentials;

  PodRules(ManifestIndex index) {
    this.index = index;
    this.credentials = new CredentialRules(index);
  }

  void check() {
    for (Map.Entry<Manifest, Deployment> d : index.deployments.entrySet()) {
      deployment(d.getKey(), d.getValue());
    }
  }

  private void deployment(Manifest m, Deployment d) {
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    if (!selects(d.getSpec().getSelector(), podLabels)) {
      index.problem(m, "spec.selector does not select the pod template's labels");
    }
    if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
      index.problem(
          m,
          "automountServiceAccountToken must be false (the services never call the Kubernetes API)");
    }
    PodSecurityContext psc = pod.getSecurityContext();
    if (psc == null
        || !Boolean.TRUE.equals(psc.getRunAsNonRoot())
        || !Objects.equals(psc.getRunAsUser(), USER_ID)
        || !Objects.equals(psc.getRunAsGroup(), USER_ID)) {
      index.problem(
          m, "pod securityContext must set runAsNonRoot: true and runAsUser/runAsGroup " + USER_ID);
    }
    if (psc == null
        || psc.getSeccompProfile() == null
        || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
      index.problem(m, "pod securityContext must use the RuntimeDefault seccomp profile");
    }
    if (pod.getContainers().isEmpty()) {
      index.problem(m, "has no container");
    }
    for (Container c : pod.getContainers()) {
      container(m, pod, c);
    }
    Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
    ContainerPort http =
        pod.getContainers().isEmpty() ? null : httpPort(pod.getContainers().get(0));
    if (annotations == null
        || !"true".equals(annotations.get("prometheus.io/scrape"))
        || !METRICS.equals(annotations.get("prometheus.io/path"))
        || http == null
        || !String.valueOf(http.getContainerPort()).equals(annotations.get("prometheus.io/port"))) {
      index.problem(
          m,
          "pod template needs the annotations prometheus.io/scrape \"true\", prometheus.io/path "
              + METRICS
              + " and prometheus.io/port of the http port");
    }
  }

  private void container(Manifest m, PodSpec pod, Container c) {
    String at = "container " + c.getName() + ": ";
    ContainerPort http = httpPort(c);
    if (http == null) {
      index.problem(m, at + "needs one port named http");
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
        index.problem(m, at + "needs requests and limits for " + kind);
      } else if (Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit))
          > 0) {
        index.problem(m, at + kind + " request is above its limit");
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
      index.problem(
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
      index.problem(m, at + "needs an emptyDir volume at /tmp (the root filesystem is read-only)");
    }
    credentials.container(m, at, c);
  }

  private void probe(Manifest m, String what, Probe probe, String path, Container c) {
    if (probe == null || probe.getHttpGet() == null) {
      index.problem(m, what + " must be an HTTP GET of " + path);
      return;
    }
    if (!path.equals(probe.getHttpGet().getPath())) {
      index.problem(m, what + " must check " + path + ", not " + probe.getHttpGet().getPath());
    }
    if (!portExists(c, probe.getHttpGet().getPort())) {
      index.problem(
          m,
          what
              + " port "
              + portText(probe.getHttpGet().getPort())
              + " is not a port of the container");
    }
  }

  static ContainerPort httpPort(Container c) {
    return c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElse(null);
  }

  /** Whether a port (by name or number) is one of the container's. */
  static boolean portExists(Container c, IntOrString port) {
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

  static String portText(IntOrString port) {
    return port == null
        ? "(none)"
        : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
  }
}
