package news.ticker.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import news.ticker.events.Topics;

/**
 * The deployment rules of Ticker's manifests, over a whole set of objects (base, or a rendered
 * overlay): what every Deployment must have, that no credential is written down, that references
 * resolve, that only the services reach Kafka and PostgreSQL, and what each overlay promises (dev:
 * one replica, replication 1; production: at least two replicas, autoscaling, disruption budgets,
 * topology spread, replication 3). Kubernetes kinds are read into fabric8's models, custom
 * resources (Strimzi, CloudNativePG) are read as they are written: their schema is their CRD's
 * ({@link CrdSchemas}), which {@link SchemaCheck} holds them to before any rule runs.
 *
 * <p>This is the entry point: it indexes the objects once ({@link ManifestIndex}) and runs each
 * concern over them, in this order: {@link PodRules} (probes, resources, security contexts,
 * mounts), {@link CredentialRules}, {@link ReferenceRules} (also Services and Ingresses), {@link
 * KafkaRules} (listener, clients' settings, KafkaUsers, topics, replication), {@link PostgresRules}
 * (cluster, databases, TLS), {@link NetworkPolicyRules} and {@link ProfileRules} (what dev,
 * production and any rendered overlay promise).
 */
public final class ManifestRules {

  /** Which set of objects is checked: the base alone, or an overlay rendered by kustomize. */
  public enum Profile {
    BASE,
    DEV,
    PRODUCTION
  }

  /** Partitions of every topic: the event contract's {@link Topics#PARTITIONS}. */
  public static final int PARTITIONS = Topics.PARTITIONS;

  /** The non-root user and group the images run as (USER in every Dockerfile). */
  public static final long USER_ID = 10001;

  public static final String STARTED = "/q/health/started";
  public static final String READY = "/q/health/ready";
  public static final String LIVE = "/q/health/live";
  public static final String METRICS = "/q/metrics";

  private ManifestRules() {}

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
      problems.addAll(rules(manifests, profile));
    }
    return problems;
  }

  private static List<String> rules(List<Manifest> manifests, Profile profile) {
    ManifestIndex index = new ManifestIndex(manifests);
    uniqueNames(index);
    new PodRules(index).check();
    new CredentialRules(index).check();
    new ReferenceRules(index).check();
    new KafkaRules(index).check();
    new PostgresRules(index).check();
    new NetworkPolicyRules(index).check();
    new ProfileRules(index).check(profile);
    return index.problems();
  }

  private static void uniqueNames(ManifestIndex index) {
    Set<String> seen = new HashSet<>();
    for (Manifest m : index.manifests) {
      String key = m.type() + "/" + m.namespace() + "/" + m.name();
      if (!seen.add(key)) {
        index.problem(m, "defined more than once");
      }
    }
  }
}
