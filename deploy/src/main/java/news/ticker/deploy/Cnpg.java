package news.ticker.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/**
 * CloudNativePG's {@code Cluster} and {@code Database} (postgresql.cnpg.io/v1), reduced to the
 * fields these manifests may use, with the names, types and enumerations of CloudNativePG's CRDs.
 * No Java model of CloudNativePG is published, so this is the schema the checker holds the
 * manifests to: any other field is reported, as a misspelt one would be rejected by the API
 * server's strict field validation. Extend it (from the CRD) when the manifests need more.
 */
public final class Cnpg {

  private Cnpg() {}

  public record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {}

  public record ClusterSpec(
      Integer instances,
      String imageName,
      String description,
      PrimaryUpdateStrategy primaryUpdateStrategy,
      PrimaryUpdateMethod primaryUpdateMethod,
      Boolean enableSuperuserAccess,
      StorageConfiguration storage,
      StorageConfiguration walStorage,
      Bootstrap bootstrap,
      PostgresConfiguration postgresql,
      ResourceRequirements resources,
      AffinityConfiguration affinity,
      EmbeddedObjectMetadata inheritedMetadata,
      Integer startDelay,
      Integer stopDelay,
      Integer smartShutdownTimeout,
      Integer switchoverDelay,
      Integer failoverDelay,
      Integer minSyncReplicas,
      Integer maxSyncReplicas) {}

  public enum PrimaryUpdateStrategy {
    @JsonProperty("unsupervised")
    UNSUPERVISED,
    @JsonProperty("supervised")
    SUPERVISED
  }

  public enum PrimaryUpdateMethod {
    @JsonProperty("switchover")
    SWITCHOVER,
    @JsonProperty("restart")
    RESTART
  }

  public record StorageConfiguration(
      String size, String storageClass, Boolean resizeInUseVolumes) {}

  public record Bootstrap(BootstrapInitDb initdb) {}

  public record BootstrapInitDb(
      String database,
      String owner,
      LocalObjectReference secret,
      Boolean dataChecksums,
      String encoding,
      String localeCollate,
      String localeCType) {}

  public record PostgresConfiguration(Map<String, String> parameters) {}

  public record AffinityConfiguration(
      Boolean enablePodAntiAffinity,
      String topologyKey,
      PodAntiAffinityType podAntiAffinityType,
      Map<String, String> nodeSelector) {}

  public enum PodAntiAffinityType {
    @JsonProperty("preferred")
    PREFERRED,
    @JsonProperty("required")
    REQUIRED
  }

  public record EmbeddedObjectMetadata(
      Map<String, String> labels, Map<String, String> annotations) {}

  public record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {}

  public record DatabaseSpec(
      ClusterReference cluster,
      String name,
      String owner,
      Ensure ensure,
      ReclaimPolicy databaseReclaimPolicy,
      Boolean allowConnections,
      Integer connectionLimit,
      Boolean isTemplate,
      String encoding,
      String locale,
      String localeProvider,
      String localeCollate,
      String localeCType) {}

  public record ClusterReference(String name) {}

  public enum Ensure {
    @JsonProperty("present")
    PRESENT,
    @JsonProperty("absent")
    ABSENT
  }

  public enum ReclaimPolicy {
    @JsonProperty("retain")
    RETAIN,
    @JsonProperty("delete")
    DELETE
  }
}
