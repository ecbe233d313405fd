package news.ticker.deploy;

import static news.ticker.deploy.ManifestIndex.podLabels;
import static news.ticker.deploy.ManifestIndex.selects;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Only the services reach Kafka (on the port of their listener) and PostgreSQL: NetworkPolicies
 * select the operator-managed pods and admit the services, the owner's own pods and its operator,
 * nothing else.
 */
final class NetworkPolicyRules {

  private final ManifestIndex index;

  NetworkPolicyRules(ManifestIndex index) {
    this.index = index;
  }

  void check() {
    for (Manifest km : index.kafkas) {
      Optional<JsonNode> listener = KafkaRules.servicesListener(index, km);
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
    for (Manifest cm : index.clusters) {
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
        index.networkPolicies.entrySet().stream()
            .filter(e -> selects(e.getValue().getSpec().getPodSelector(), target))
            .toList();
    if (guarding.isEmpty()) {
      index.problem(owner, "no NetworkPolicy restricts who reaches its pods");
      return;
    }
    Set<Manifest> allowed = new HashSet<>();
    for (Map.Entry<Manifest, NetworkPolicy> e : guarding) {
      List<String> types = e.getValue().getSpec().getPolicyTypes();
      if (types == null || !types.contains("Ingress")) {
        index.problem(e.getKey(), "policyTypes must include Ingress");
      }
      for (NetworkPolicyIngressRule rule : e.getValue().getSpec().getIngress()) {
        if (!allowsPort(rule, port)) {
          continue;
        }
        if (rule.getFrom().isEmpty()) {
          index.problem(e.getKey(), "a rule opens port " + port + " to every source");
          continue;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          if (peer.getIpBlock() != null) {
            index.problem(
                e.getKey(), "an ipBlock may reach port " + port + ": only the services may");
          } else if (peer.getNamespaceSelector() != null) {
            if (peer.getPodSelector() == null
                || peer.getPodSelector().getMatchLabels() == null
                || !peer.getPodSelector()
                    .getMatchLabels()
                    .entrySet()
                    .containsAll(operator.entrySet())) {
              index.problem(
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
    for (Manifest d : index.deployments.keySet()) {
      if (!allowed.contains(d)) {
        index.problem(owner, "its NetworkPolicy does not let " + d.name() + " reach port " + port);
      }
    }
  }

  /**
   * Peers in the namespace must select only service pods (and at least one); returns the
   * Deployments selected.
   */
  Set<Manifest> peers(
      Manifest where, String what, List<NetworkPolicyPeer> peers, Map<String, String> self) {
    Set<Manifest> selected = new HashSet<>();
    for (NetworkPolicyPeer peer : peers) {
      LabelSelector selector = peer.getPodSelector();
      if (peer.getNamespaceSelector() != null || peer.getIpBlock() != null) {
        index.problem(where, what + ": peers must be pods of this namespace");
        continue;
      }
      if (selector == null
          || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
              && selector.getMatchExpressions().isEmpty())) {
        index.problem(where, what + ": an empty podSelector admits every pod of the namespace");
        continue;
      }
      boolean any = false;
      for (Map.Entry<Manifest, Deployment> d : index.deployments.entrySet()) {
        if (selects(selector, podLabels(d.getValue()))) {
          selected.add(d.getKey());
          any = true;
        }
      }
      if (!any) {
        index.problem(
            where, what + ": podSelector " + selector.getMatchLabels() + " selects no service pod");
      }
      if (!self.isEmpty() && selects(selector, self)) {
        index.problem(where, what + ": podSelector also admits the operator-managed pods");
      }
    }
    return selected;
  }

  private boolean selectsAnyService(LabelSelector selector) {
    return index.deployments.values().stream().anyMatch(d -> selects(selector, podLabels(d)));
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
}
