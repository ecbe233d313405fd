package news.ticker.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lag arithmetic, from the three offset maps the brokers answer with. */
class ConsumerLagTest {

  private static final TopicPartition P0 = new TopicPartition("ticker.story-events", 0);
  private static final TopicPartition P1 = new TopicPartition("ticker.story-events", 1);

  @Test
  void aCommittedPartitionLagsFromItsCommittedOffset() {
    assertThat(ConsumerLag.lag(Map.of(P0, 7L), Map.of(P0, 0L), Map.of(P0, 10L))).isEqualTo(3);
  }

  @Test
  void aPartitionNeverCommittedLagsFromItsEarliestRetainedRecordNotFromZero() {
    // Retention deleted offsets 0..99 of a dead-letter topic: nobody will ever read them.
    assertThat(ConsumerLag.lag(Map.of(), Map.of(P0, 100L), Map.of(P0, 104L))).isEqualTo(4);
    assertThat(ConsumerLag.lag(Map.of(), Map.of(P0, 0L), Map.of(P0, 104L))).isEqualTo(104);
  }

  @Test
  void aCommittedOffsetThatRetentionOvertookLagsFromTheEarliestRetainedRecord() {
    assertThat(ConsumerLag.lag(Map.of(P0, 5L), Map.of(P0, 100L), Map.of(P0, 104L))).isEqualTo(4);
  }

  @Test
  void partitionsAddUpAndNoneCountsBelowZero() {
    Map<TopicPartition, Long> committed = Map.of(P0, 12L);
    Map<TopicPartition, Long> earliest = Map.of(P0, 0L, P1, 3L);
    Map<TopicPartition, Long> latest = Map.of(P0, 10L, P1, 8L);

    assertThat(ConsumerLag.lag(committed, earliest, latest)).isEqualTo(0 + 5);
    assertThat(ConsumerLag.lag(Map.of(), Map.of(), Map.of())).isZero();
  }

  @Test
  void committedOffsetsOfOtherTopicsDoNotCount() {
    TopicPartition other = new TopicPartition("ticker.article-events", 0);
    assertThat(ConsumerLag.lag(Map.of(other, 1L), Map.of(P0, 2L), Map.of(P0, 9L))).isEqualTo(7);
  }

  @Property(tries = 500, seed = "20260303")
  void theLagIsTheRetainedRecordsPastEachPartitionsPosition(
      @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 1_000_000) Long> starts,
      @ForAll @IntRange(min = 0, max = 1_000) int retained,
      @ForAll @IntRange(min = 0, max = 3) int committedEvery) {
    Map<TopicPartition, Long> committed = new HashMap<>();
    Map<TopicPartition, Long> earliest = new HashMap<>();
    Map<TopicPartition, Long> latest = new HashMap<>();
    long expected = 0;
    for (int p = 0; p < starts.size(); p++) {
      TopicPartition partition = new TopicPartition("t", p);
      long first = starts.get(p);
      long end = first + retained + p;
      earliest.put(partition, first);
      latest.put(partition, end);
      if (committedEvery > 0 && p % committedEvery == 0) {
        long position = first + (end - first) / 2;
        committed.put(partition, position);
        expected += end - position;
      } else {
        expected += end - first;
      }
    }

    long lag = ConsumerLag.lag(committed, earliest, latest);

    assertThat(lag).isEqualTo(expected);
    long retainedRecords =
        latest.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();
    assertThat(lag).isBetween(0L, retainedRecords);
  }
}
