package news.ticker.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What each service may do on Kafka, declared once. The event log is the source of truth: a forged
 * {@code update-posted} reaches every reader, a forged {@code update-redacted} blanks a true
 * report, so every service gets exactly the access its code uses and nothing more.
 *
 * <p>Three things are derived from these declarations and checked against them:
 *
 * <ul>
 *   <li>the production overlay's {@code KafkaUser}s (deploy module, {@code
 *       KafkaAccessManifestTest}: the ACLs must equal {@link ServiceAccess#acls()});
 *   <li>each service's channels in its {@code application.properties} (same test: a channel whose
 *       topic or group is not declared fails the build);
 *   <li>the system tests' broker, which runs with SCRAM and the standard authorizer and gives each
 *       service process a user with exactly these ACLs (devstack {@code KafkaUsers}), so a raw
 *       client that the declaration forgot (a relay, the live follower, a rebuild) fails there.
 * </ul>
 *
 * Reading a topic without a consumer group (the timeline's live follower, its rebuild and its
 * held-story retries assign partitions themselves) needs only {@code Read} on the topic. Describing
 * a topic's offsets or a group's committed offsets (health checks, lag) is implied by {@code Read}
 * on that topic or group, so no separate {@code Describe} is declared.
 */
public final class KafkaAccess {

  /** Kafka's resource types, as Strimzi names them in a {@code KafkaUser}. */
  public enum ResourceType {
    TOPIC("topic"),
    GROUP("group");

    private final String strimziName;

    ResourceType(String strimziName) {
      this.strimziName = strimziName;
    }

    /** The name in a {@code KafkaUser}'s {@code spec.authorization.acls[].resource.type}. */
    public String strimziName() {
      return strimziName;
    }
  }

  /** The operations a service is granted, as Strimzi and Kafka name them. */
  public enum Operation {
    /** Consume a topic; join and commit a group. Implies Describe. */
    READ("Read"),
    /** Produce to a topic (idempotently: KIP-679 needs no cluster grant). Implies Describe. */
    WRITE("Write");

    private final String strimziName;

    Operation(String strimziName) {
      this.strimziName = strimziName;
    }

    /** The name in a {@code KafkaUser}'s {@code operations}. */
    public String strimziName() {
      return strimziName;
    }
  }

  /** One allow rule on one literally named resource. */
  public record Acl(ResourceType type, String name, Set<Operation> operations) {
    public Acl {
      operations = Set.copyOf(operations);
    }
  }

  /**
   * One service's access.
   *
   * @param service the service's name ({@code ingest}, {@code timeline}, {@code analysis})
   * @param user the Kafka user (the {@code KafkaUser} name and SCRAM principal)
   * @param writes topics it produces to, its dead-letter topic included
   * @param reads topics it consumes, with or without a group
   * @param groups consumer groups it joins and commits in
   */
  public record ServiceAccess(
      String service, String user, Set<String> writes, Set<String> reads, Set<String> groups) {

    /** The sets are copied, sorted and unmodifiable. */
    public ServiceAccess {
      writes = Collections.unmodifiableSortedSet(new TreeSet<>(writes));
      reads = Collections.unmodifiableSortedSet(new TreeSet<>(reads));
      groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
    }

    /** The ACLs of this service: one per topic (its operations merged) and one per group. */
    public List<Acl> acls() {
      SortedSet<String> topics = new TreeSet<>(writes);
      topics.addAll(reads);
      List<Acl> acls = new ArrayList<>();
      for (String topic : topics) {
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        if (reads.contains(topic)) {
          operations.add(Operation.READ);
        }
        if (writes.contains(topic)) {
          operations.add(Operation.WRITE);
        }
        acls.add(new Acl(ResourceType.TOPIC, topic, operations));
      }
      for (String group : groups) {
        acls.add(new Acl(ResourceType.GROUP, group, Set.of(Operation.READ)));
      }
      return List.copyOf(acls);
    }
  }

  /**
   * Ingest: its outbox relay publishes story, article and content-key records (tombstones
   * included); it learns analyses from {@code ticker.analysis-events} in group {@code
   * ingest-analysis}, and dead-letters what it cannot apply.
   */
  public static final ServiceAccess INGEST =
      new ServiceAccess(
          "ingest",
          "ticker-ingest",
          set(
              Topics.STORY_EVENTS,
              Topics.ARTICLE_EVENTS,
              Topics.CONTENT_KEYS,
              Topics.INGEST_DEAD_LETTER),
          set(Topics.ANALYSIS_EVENTS),
          set("ingest-analysis"));

  /**
   * Timeline: reads stories, articles and keys in group {@code timeline-projection}, and without a
   * group in its live follower, rebuild and held-story retries. It may write only its dead-letter
   * topic.
   */
  public static final ServiceAccess TIMELINE =
      new ServiceAccess(
          "timeline",
          "ticker-timeline",
          set(Topics.TIMELINE_DEAD_LETTER),
          set(Topics.STORY_EVENTS, Topics.ARTICLE_EVENTS, Topics.CONTENT_KEYS),
          set("timeline-projection"));

  /**
   * Analysis: its outbox relay publishes analysis metadata; it learns stories in group {@code
   * analysis-stories}, and dead-letters what it cannot apply.
   */
  public static final ServiceAccess ANALYSIS =
      new ServiceAccess(
          "analysis",
          "ticker-analysis",
          set(Topics.ANALYSIS_EVENTS, Topics.ANALYSIS_DEAD_LETTER),
          set(Topics.STORY_EVENTS),
          set("analysis-stories"));

  /** Every service's access. */
  public static final List<ServiceAccess> ALL = List.of(INGEST, TIMELINE, ANALYSIS);

  /** The access of the service with this name. */
  public static ServiceAccess of(String service) {
    return ALL.stream()
        .filter(a -> a.service().equals(service))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Kafka access declared for " + service));
  }

  private static Set<String> set(String... names) {
    return Set.of(names);
  }

  private KafkaAccess() {}
}
