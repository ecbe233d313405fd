package news.ticker.deploy;

import static news.ticker.deploy.ManifestIndex.integer;
import static news.ticker.deploy.ManifestIndex.podLabels;
import static news.ticker.deploy.ManifestIndex.selects;
import static news.ticker.deploy.ManifestIndex.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import news.ticker.deploy.ManifestRules.Profile;
import news.ticker.events.Topics;

/**
 * What each overlay promises. Dev: one replica, small resources, replication 1, one PostgreSQL
 * instance. Production: at least two replicas, an autoscaler up to the event contract's {@link
 * Topics#PARTITIONS}, a disruption budget, topology spread, replication 3, an odd KRaft quorum,
 * persistent Kafka storage, three PostgreSQL instances, TLS on the Ingresses, and access guarded
 * ({@link #productionAccess}). Any rendered overlay: one namespace for everything, tagged images,
 * node pools with enough brokers for every topic.
 */
final class ProfileRules {

  private final ManifestIndex index;
  private final KafkaRules kafka;

  ProfileRules(ManifestIndex index) {
    this.index = index;
    this.kafka = new KafkaRules(index);
  }

  void check(Profile profile) {
    switch (profile) {
      case DEV -> dev();
      case PRODUCTION -> production();
      case BASE -> {}
    }
    if (profile != Profile.BASE) {
      rendered();
    }
  }

  private void dev() {
    for (Map.Entry<Manifest, Deployment> e : index.deployments.entrySet()) {
      if (!Objects.equals(e.getValue().getSpec().getReplicas(), 1)) {
        index.problem(e.getKey(), "dev runs one replica");
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
          index.problem(e.getKey(), "dev resources stay small (memory limit at most 1Gi)");
        }
      }
    }
    kafka.replication(1, 1);
    for (Manifest cluster : index.clusters) {
      if (!Objects.equals(integer(spec(cluster).path("instances")), 1)) {
        index.problem(cluster, "dev runs one PostgreSQL instance");
      }
    }
  }

  private void production() {
    for (Map.Entry<Manifest, Deployment> e : index.deployments.entrySet()) {
      Manifest m = e.getKey();
      Deployment d = e.getValue();
      Map<String, String> labels = podLabels(d);
      Integer replicas = d.getSpec().getReplicas();
      if (replicas == null || replicas < 2) {
        index.problem(m, "production runs at least 2 replicas");
      }
      List<HorizontalPodAutoscaler> hpas =
          index.autoscalers.values().stream()
              .filter(h -> m.name().equals(h.getSpec().getScaleTargetRef().getName()))
              .toList();
      if (hpas.size() != 1) {
        index.problem(m, "needs one HorizontalPodAutoscaler");
      } else {
        var spec = hpas.get(0).getSpec();
        if (spec.getMinReplicas() == null || spec.getMinReplicas() < 2) {
          index.problem(m, "HorizontalPodAutoscaler minReplicas must be at least 2");
        }
        if (spec.getMaxReplicas() > Topics.PARTITIONS
            || spec.getMaxReplicas()
                < (spec.getMinReplicas() == null ? 1 : spec.getMinReplicas())) {
          index.problem(
              m,
              "HorizontalPodAutoscaler maxReplicas must lie between minReplicas and "
                  + Topics.PARTITIONS
                  + " (the partitions its consumer group can share)");
        }
      }
      List<PodDisruptionBudget> pdbs =
          index.budgets.values().stream()
              .filter(b -> selects(b.getSpec().getSelector(), labels))
              .toList();
      if (pdbs.size() != 1) {
        index.problem(m, "needs one PodDisruptionBudget");
      } else {
        IntOrString minAvailable = pdbs.get(0).getSpec().getMinAvailable();
        if (minAvailable == null
            || minAvailable.getIntVal() == null
            || minAvailable.getIntVal() < 1
            || minAvailable.getIntVal() >= 2) {
          index.problem(
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
          index.problem(
              m, "needs a topologySpreadConstraint over " + key + " selecting its own pods");
        }
      }
    }
    kafka.replication(3, 2);
    productionAccess();
    if (index.controllers() < 3 || index.controllers() % 2 == 0) {
      index.problem(
          "production needs an odd number of at least 3 KRaft controllers, has "
              + index.controllers());
    }
    for (Manifest pool : index.nodePools) {
      if (spec(pool).path("storage").toString().contains("\"ephemeral\"")) {
        index.problem(pool, "production Kafka storage must be persistent");
      }
      if (spec(pool).path("storage").toString().contains("\"deleteClaim\":true")) {
        index.problem(
            pool, "production Kafka volumes must survive deleting the pool (deleteClaim: false)");
      }
    }
    for (Manifest cluster : index.clusters) {
      Integer instances = integer(spec(cluster).path("instances"));
      if (instances == null || instances < 3) {
        index.problem(cluster, "production runs at least 3 PostgreSQL instances");
      }
    }
    for (Map.Entry<Manifest, Ingress> e : index.ingresses.entrySet()) {
      Set<String> tlsHosts = new HashSet<>();
      for (IngressTLS tls : e.getValue().getSpec().getTls()) {
        tlsHosts.addAll(tls.getHosts());
      }
      for (IngressRule rule : e.getValue().getSpec().getRules()) {
        if (!tlsHosts.contains(rule.getHost())) {
          index.problem(e.getKey(), "production serves " + rule.getHost() + " over TLS");
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
    for (Manifest km : index.kafkas) {
      for (JsonNode listener : spec(km).path("kafka").path("listeners")) {
        if (!listener.path("tls").asBoolean(false)
            || !KafkaRules.SCRAM.equals(listener.at("/authentication/type").asText())) {
          index.problem(
              km,
              "production listener "
                  + listener.path("name").asText()
                  + " must use TLS and "
                  + KafkaRules.SCRAM
                  + " authentication");
        }
      }
      if (!"simple".equals(spec(km).at("/kafka/authorization/type").asText())) {
        index.problem(km, "production Kafka must enforce ACLs (authorization: simple)");
      }
      if (!spec(km).at("/entityOperator/userOperator").isObject()) {
        index.problem(km, "production Kafka needs the User Operator for its KafkaUsers");
      }
    }
    if (index.users.size() < index.deployments.size()) {
      index.problem(
          "production needs a KafkaUser per service, has "
              + index.users.size()
              + " for "
              + index.deployments.size()
              + " services");
    }
    for (Map.Entry<Manifest, Deployment> e : index.deployments.entrySet()) {
      Deployment d = e.getValue();
      if (!"verify-full".equals(index.setting(d, "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"))
          || !"HTTPS"
              .equals(
                  index.setting(
                      d, "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"))) {
        index.problem(
            e.getKey(),
            "production verifies PostgreSQL's certificate and host name (sslmode verify-full,"
                + " QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS)");
      }
    }
  }

  /**
   * What holds for any rendered overlay: a namespace for everything, tagged images, node pools for
   * the topics.
   */
  private void rendered() {
    List<Manifest> namespaces =
        index.manifests.stream().filter(m -> m.type().equals("v1/Namespace")).toList();
    if (namespaces.size() != 1) {
      index.problem(
          "a rendered overlay must contain exactly one Namespace, found " + namespaces.size());
    } else {
      String ns = namespaces.get(0).name();
      for (Manifest m : index.manifests) {
        if (m != namespaces.get(0) && !ns.equals(m.namespace())) {
          index.problem(m, "must be in namespace " + ns);
        }
      }
    }
    for (Map.Entry<Manifest, Deployment> e : index.deployments.entrySet()) {
      for (Container c : e.getValue().getSpec().getTemplate().getSpec().getContainers()) {
        String image = c.getImage();
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
          index.problem(e.getKey(), "image " + image + " needs an explicit tag other than latest");
        }
      }
    }
    if (index.brokers() < 1 || index.controllers() < 1) {
      index.problem("the Kafka needs KafkaNodePools with the broker and controller roles");
    }
    for (Manifest topic : index.topics) {
      Integer replicas = integer(spec(topic).path("replicas"));
      if (replicas != null && replicas > index.brokers()) {
        index.problem(
            topic, "replicas " + replicas + " exceed the " + index.brokers() + " broker(s)");
      }
    }
  }
}
