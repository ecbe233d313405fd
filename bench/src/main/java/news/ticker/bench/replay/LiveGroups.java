package news.ticker.bench.replay;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import news.ticker.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The services' live consumer groups on the topics a rebuild replays, and moving their committed
 * offsets to the end of those topics, so that a seeded backlog is never projected live and the
 * replay and its limits are measured on a quiet stack. Kafka moves a group's offsets only while the
 * group has no members: the services that own the groups are stopped first.
 *
 * <p>The groups are those of the services' {@code application.properties}: the timeline's
 * projection ({@code timeline-projection}: story events, article events and content keys, one group
 * for the three channels) and the analysis service's story projection ({@code analysis-stories}).
 * The timeline's live follower and its rebuild use no group (the follower starts at the end).
 */
public final class LiveGroups {

  /** The topics a rebuild replays. */
  public static final List<String> REPLAYED =
      List.of(Topics.CONTENT_KEYS, Topics.ARTICLE_EVENTS, Topics.STORY_EVENTS);

  /** A live group, the stack component that consumes in it, and the topics it follows. */
  public record Group(String id, String component, List<String> topics) {}

  public static final List<Group> KNOWN =
      List.of(
          new Group(
              "timeline-projection",
              "timeline",
              List.of(Topics.STORY_EVENTS, Topics.ARTICLE_EVENTS, Topics.CONTENT_KEYS)),
          new Group("analysis-stories", "analysis", List.of(Topics.STORY_EVENTS)));

  private final Admin admin;

  public LiveGroups(Admin admin) {
    this.admin = admin;
  }

  /** The components to stop before the known groups can be moved, in the order of the groups. */
  public static List<String> components(List<Group> groups) {
    return groups.stream().map(Group::component).distinct().toList();
  }

  /**
   * Where a group's offsets go: every partition of each topic it follows at its end offset
   * (partitions without a commit too: a group that never committed would otherwise start from the
   * beginning, {@code auto.offset.reset=earliest}).
   */
  public static Map<TopicPartition, Long> toEnd(
      Collection<String> topics, Map<TopicPartition, Long> endOffsets) {
    Map<TopicPartition, Long> target = new TreeMap<>(LiveGroups::compare);
    endOffsets.forEach(
        (tp, end) -> {
          if (topics.contains(tp.topic())) {
            target.put(tp, end);
          }
        });
    return target;
  }

  /**
   * Records a group skips by the move: for each target partition, the target minus the committed
   * offset (or minus the beginning where nothing was committed), never negative.
   */
  public static long skipped(
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> beginning,
      Map<TopicPartition, Long> target) {
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      Long from = committed.get(e.getKey());
      long start = from != null ? from : beginning.getOrDefault(e.getKey(), 0L);
      sum += Math.max(0, e.getValue() - start);
    }
    return sum;
  }

  /**
   * Groups other than {@code known} that have committed offsets on any of {@code topics}: they are
   * left alone, and named in the report.
   */
  public static Set<String> others(
      Map<String, Set<TopicPartition>> committedByGroup,
      Collection<String> topics,
      Collection<String> known) {
    Set<String> others = new LinkedHashSet<>();
    committedByGroup.forEach(
        (group, partitions) -> {
          if (!known.contains(group)
              && partitions.stream().anyMatch(tp -> topics.contains(tp.topic()))) {
            others.add(group);
          }
        });
    return others;
  }

  /** Committed offsets of one group (empty when it has none). */
  public Map<TopicPartition, Long> committed(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(20, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    offsets.forEach(
        (tp, o) -> {
          if (o != null) {
            out.put(tp, o.offset());
          }
        });
    return out;
  }

  /** Records the group has still to read on its topics. */
  public long lag(Group group, Map<TopicPartition, Long> end, Map<TopicPartition, Long> beginning)
      throws Exception {
    return skipped(committed(group.id()), beginning, toEnd(group.topics(), end));
  }

  /** Members of each group now (0 for a group Kafka does not know). */
  public Map<String, Integer> members(Collection<String> groups) throws Exception {
    Map<String, ConsumerGroupDescription> described =
        admin.describeConsumerGroups(groups).all().get(20, TimeUnit.SECONDS);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String g : groups) {
      ConsumerGroupDescription d = described.get(g);
      out.put(g, d == null ? 0 : d.members().size());
    }
    return out;
  }

  /** Groups other than the known ones that follow the replayed topics (for the report). */
  public Set<String> otherFollowers() throws Exception {
    Collection<ConsumerGroupListing> groups =
        admin.listConsumerGroups().all().get(20, TimeUnit.SECONDS);
    Map<String, Set<TopicPartition>> committed = new HashMap<>();
    for (ConsumerGroupListing g : groups) {
      committed.put(g.groupId(), committed(g.groupId()).keySet());
    }
    return others(committed, REPLAYED, KNOWN.stream().map(Group::id).toList());
  }

  /** Moves one (empty) group's offsets to these targets. */
  public void move(String group, Map<TopicPartition, Long> target) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    target.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
  }

  /** Records seeded on {@code topic} that the group skips: all of them when it follows it. */
  public static long seededOn(Group group, String topic, long seeded) {
    return group.topics().contains(topic) ? seeded : 0;
  }

  /** Topic, then partition. */
  static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
