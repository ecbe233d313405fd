package news.ticker.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import news.ticker.bench.kafka.StorySeed;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TimelineFoldTest {

  private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

  private static ConsumerRecord<byte[], byte[]> received(
      ProducerRecord<String, byte[]> r, long offset) {
    return FoldLimit.received(r, offset);
  }

  private static FoldLimit.Tally foldAll(
      TimelineFold fold, List<ProducerRecord<String, byte[]>> records) {
    FoldLimit.Tally tally = new FoldLimit.Tally();
    long offset = 0;
    for (ProducerRecord<String, byte[]> r : records) {
      tally.add(r.topic(), FoldLimit.apply(fold, received(r, offset++)));
    }
    return tally;
  }

  @Test
  void everySeededEventIsDecodedDecryptedRenderedAndFolded() {
    StorySeed.Seeded story = StorySeed.generate(new Random(7), 60, START);
    TimelineFold fold = new TimelineFold(10);

    FoldLimit.Tally tally = foldAll(fold, story.records());

    assertThat(tally.keyRecords).isEqualTo(story.keys());
    assertThat(tally.events).isEqualTo(story.events());
    assertThat(tally.folded).isEqualTo(60);
    assertThat(tally.missingKeys).isZero();
    assertThat(tally.poison).isZero();
    assertThat(fold.version(story.storyId())).isEqualTo(60);
    assertThat(fold.keyCount()).isEqualTo(story.keys());
    // at least one post, none retracted more than posted
    assertThat(fold.feedSize(story.storyId())).isBetween(1, story.keys());
  }

  @Test
  void anEventWhoseKeyIsNotKnownIsCountedAsMissingNotFolded() {
    StorySeed.Seeded story = StorySeed.generate(new Random(8), 30, START);
    List<ProducerRecord<String, byte[]>> eventsOnly = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : story.records()) {
      if (!r.topic().equals(Topics.CONTENT_KEYS)) {
        eventsOnly.add(r);
      }
    }
    TimelineFold fold = new TimelineFold(10);

    FoldLimit.Tally tally = foldAll(fold, eventsOnly);

    assertThat(tally.keyRecords).isZero();
    assertThat(tally.missingKeys).isPositive();
    assertThat(tally.folded + tally.missingKeys).isEqualTo(30);
  }

  @Test
  void aDestroyedKeyRedactsInsteadOfFailing() {
    StorySeed.Seeded story = StorySeed.generate(new Random(9), 20, START);
    TimelineFold fold = new TimelineFold(10);
    for (ProducerRecord<String, byte[]> r : story.records()) {
      if (r.topic().equals(Topics.CONTENT_KEYS)) {
        assertThat(fold.key(r.key(), null)).isEqualTo(TimelineFold.Outcome.KEY);
      }
    }
    List<ProducerRecord<String, byte[]>> all = story.records();
    FoldLimit.Tally tally = foldAll(fold, all);

    // the published keys came after their tombstones: they stay destroyed
    assertThat(fold.keyCount()).isZero();
    assertThat(tally.folded).isEqualTo(20);
  }

  @Test
  void aBrokenRecordIsPoison() {
    TimelineFold fold = new TimelineFold(10);
    assertThat(fold.key("k1", "not json".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(TimelineFold.Outcome.POISON);
    ProducerRecord<String, byte[]> garbage =
        new ProducerRecord<>(Topics.STORY_EVENTS, "x", new byte[] {1, 2, 3});
    assertThat(FoldLimit.apply(fold, received(garbage, 0))).isEqualTo(TimelineFold.Outcome.POISON);
  }

  @Test
  void storiesBeyondTheCapAreLetGoAndCountedWhenTheyComeBack() {
    StorySeed.Seeded a = StorySeed.generate(new Random(10), 10, START);
    StorySeed.Seeded b = StorySeed.generate(new Random(11), 10, START);
    TimelineFold fold = new TimelineFold(1);
    foldAll(fold, a.records());
    foldAll(fold, b.records());
    assertThat(fold.storiesHeld()).isEqualTo(1);
    assertThat(fold.version(a.storyId())).isEqualTo(-1);
    assertThat(fold.version(b.storyId())).isEqualTo(10);
    assertThat(fold.revisited()).isZero();

    // a's last event again: a fresh fold, counted
    ProducerRecord<String, byte[]> last = a.records().get(a.records().size() - 1);
    foldAll(fold, List.of(last));
    assertThat(fold.revisited()).isEqualTo(1);
    assertThat(fold.version(a.storyId())).isEqualTo(10);
  }
}
