package news.ticker.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import news.ticker.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LiveGroupsTest {

  private static TopicPartition tp(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }

  private static final Map<TopicPartition, Long> END =
      Map.of(
          tp(Topics.STORY_EVENTS, 0), 100L,
          tp(Topics.STORY_EVENTS, 1), 50L,
          tp(Topics.CONTENT_KEYS, 0), 70L,
          tp(Topics.ARTICLE_EVENTS, 0), 3L);

  @Test
  void theKnownGroupsAreTheServicesProjectionsAndTheirComponentsAreStoppedOnce() {
    assertThat(LiveGroups.KNOWN)
        .extracting(LiveGroups.Group::id)
        .containsExactly("timeline-projection", "analysis-stories");
    assertThat(LiveGroups.components(LiveGroups.KNOWN)).containsExactly("timeline", "analysis");
    LiveGroups.KNOWN.forEach(g -> assertThat(LiveGroups.REPLAYED).containsAll(g.topics()));
    assertThat(LiveGroups.KNOWN.get(0).topics())
        .containsExactlyInAnyOrder(Topics.STORY_EVENTS, Topics.ARTICLE_EVENTS, Topics.CONTENT_KEYS);
  }

  @Test
  void toEndTakesEveryPartitionOfTheGroupsTopicsAtItsEndOffsetAndNothingElse() {
    Map<TopicPartition, Long> target = LiveGroups.toEnd(List.of(Topics.STORY_EVENTS), END);
    assertThat(target)
        .containsExactly(
            Map.entry(tp(Topics.STORY_EVENTS, 0), 100L),
            Map.entry(tp(Topics.STORY_EVENTS, 1), 50L));
  }

  @Test
  void skippedCountsFromTheCommitOrFromTheBeginningWhereNothingWasCommitted() {
    Map<TopicPartition, Long> target =
        LiveGroups.toEnd(List.of(Topics.STORY_EVENTS, Topics.CONTENT_KEYS), END);
    Map<TopicPartition, Long> committed =
        Map.of(
            tp(Topics.STORY_EVENTS, 0), 90L,
            // a commit past the end (a truncated topic) skips nothing
            tp(Topics.STORY_EVENTS, 1), 60L,
            // not a target topic: ignored
            tp(Topics.ARTICLE_EVENTS, 0), 0L);
    Map<TopicPartition, Long> beginning = Map.of(tp(Topics.CONTENT_KEYS, 0), 20L);
    // 10 of story-events/0, 0 of /1, 70 - 20 of the never committed content keys
    assertThat(LiveGroups.skipped(committed, beginning, target)).isEqualTo(60);
  }

  @Test
  void othersAreGroupsOutsideTheKnownOnesThatCommittedOnAReplayedTopic() {
    Map<String, Set<TopicPartition>> committed =
        Map.of(
            "timeline-projection", Set.of(tp(Topics.STORY_EVENTS, 0)),
            "someone-else", Set.of(tp(Topics.CONTENT_KEYS, 3)),
            "ingest-analysis", Set.of(tp("ticker.analysis-events", 0)),
            "idle", Set.of());
    assertThat(LiveGroups.others(committed, LiveGroups.REPLAYED, List.of("timeline-projection")))
        .containsExactly("someone-else");
  }

  @Test
  void aGroupSkipsTheSeededRecordsOfTheTopicsItFollowsOnly() {
    LiveGroups.Group analysis = LiveGroups.KNOWN.get(1);
    assertThat(LiveGroups.seededOn(analysis, Topics.STORY_EVENTS, 500)).isEqualTo(500);
    assertThat(LiveGroups.seededOn(analysis, Topics.CONTENT_KEYS, 400)).isZero();
  }
}
