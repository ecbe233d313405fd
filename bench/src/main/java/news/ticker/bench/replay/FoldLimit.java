package news.ticker.bench.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongConsumer;
import news.ticker.bench.kafka.KafkaBench;
import news.ticker.bench.kafka.StorySeed;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/**
 * The ceiling a rebuild can approach: the same records a rebuild replays, read by one bare consumer
 * (no group) on one thread, as a rebuild does, and put through the timeline's own code ({@link
 * TimelineFold}: decode, decrypt, sanitise, render, fold), with no database. First every content
 * key up to its end offset, then the article and story events from the beginning up to the end
 * offsets of now. Its events per second are over both steps, as the rebuild's are.
 */
public final class FoldLimit {

  /** Stories held in memory at once (see {@link TimelineFold}). */
  static final int MAX_STORIES = 500;

  private FoldLimit() {}

  /** Counts of what became of the records, and over how long. */
  public record Outcome(
      long keyRecords,
      long events,
      long folded,
      long missingKeys,
      long poison,
      long other,
      double keySeconds,
      double seconds,
      boolean complete,
      long revisitedStories) {
    /** Events (story and article) per second, over the keys' and the events' reading. */
    public double eventsPerSecond() {
      return seconds > 0 ? events / seconds : Double.NaN;
    }

    /** Records (keys and events) per second. */
    public double recordsPerSecond() {
      return seconds > 0 ? (keyRecords + events) / seconds : Double.NaN;
    }
  }

  /** Running counts; {@link #add} takes one record's outcome. */
  static final class Tally {
    long keyRecords;
    long events;
    long folded;
    long missingKeys;
    long poison;
    long other;

    void add(String topic, TimelineFold.Outcome outcome) {
      if (topic.equals(Topics.CONTENT_KEYS)) {
        keyRecords++;
        return;
      }
      events++;
      switch (outcome) {
        case FOLDED -> folded++;
        case MISSING_KEY -> missingKeys++;
        case POISON -> poison++;
        case OTHER -> other++;
        case KEY -> {}
      }
    }
  }

  /** One record through the fold, by its topic. */
  static TimelineFold.Outcome apply(TimelineFold fold, ConsumerRecord<byte[], byte[]> record) {
    if (record.topic().equals(Topics.CONTENT_KEYS)) {
      return fold.key(
          record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
          record.value());
    }
    return fold.event(record);
  }

  /**
   * Warms the JIT up on the fold's code paths with synthetic stories made in memory ({@link
   * StorySeed}), so that the measured pass does not pay for it and no Kafka read (of every content
   * key first) is spent on the warm-up.
   */
  public static void warmUp(long events) {
    Random random = new Random(1);
    TimelineFold fold = new TimelineFold(MAX_STORIES);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long folded = 0;
    long offset = 0;
    while (folded < events) {
      StorySeed.Seeded story = StorySeed.generate(random, 200, start);
      for (ProducerRecord<String, byte[]> r : story.records()) {
        apply(fold, received(r, offset++));
      }
      folded += story.events();
    }
  }

  /** A produced record as a consumer receives it (partition 0, at this offset). */
  static ConsumerRecord<byte[], byte[]> received(ProducerRecord<String, byte[]> r, long offset) {
    return new ConsumerRecord<>(
        r.topic(),
        0,
        offset,
        0L,
        TimestampType.CREATE_TIME,
        -1,
        r.value() == null ? -1 : r.value().length,
        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
        r.value(),
        r.headers(),
        Optional.empty());
  }

  /**
   * Reads and folds everything up to the end offsets of now, within {@code timeoutMillis}; {@code
   * progress} gets per mille of the records.
   */
  public static Outcome run(KafkaBench kafka, long timeoutMillis, LongConsumer progress)
      throws Exception {
    List<String> eventTopics = List.of(Topics.ARTICLE_EVENTS, Topics.STORY_EVENTS);
    Map<TopicPartition, Long> keyEnd = kafka.endOffsets(List.of(Topics.CONTENT_KEYS));
    Map<TopicPartition, Long> keyBegin = kafka.beginningOffsets(List.of(Topics.CONTENT_KEYS));
    Map<TopicPartition, Long> eventEnd = kafka.endOffsets(eventTopics);
    Map<TopicPartition, Long> eventBegin = kafka.beginningOffsets(eventTopics);
    long total = span(keyBegin, keyEnd) + span(eventBegin, eventEnd);
    TimelineFold fold = new TimelineFold(MAX_STORIES);
    Tally tally = new Tally();
    long start = System.nanoTime();
    long deadline = start + timeoutMillis * 1_000_000L;
    boolean complete;
    double keySeconds;
    try (KafkaConsumer<byte[], byte[]> consumer =
        kafka.bareConsumer("ticker-bench-fold-" + UUID.randomUUID(), 500)) {
      complete = read(consumer, fold, tally, keyBegin, keyEnd, deadline, p -> {});
      keySeconds = (System.nanoTime() - start) / 1e9;
      LongConsumer perMille =
          progress == null
              ? p -> {}
              : p ->
                  progress.accept(
                      total == 0 ? 1000 : (tally.keyRecords + tally.events) * 1000 / total);
      complete &= read(consumer, fold, tally, eventBegin, eventEnd, deadline, perMille);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(
        tally.keyRecords,
        tally.events,
        tally.folded,
        tally.missingKeys,
        tally.poison,
        tally.other,
        keySeconds,
        seconds,
        complete,
        fold.revisited());
  }

  private static long span(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      sum += Math.max(0, e.getValue() - begin.getOrDefault(e.getKey(), 0L));
    }
    return sum;
  }

  /** Reads the partitions from their beginning to {@code end}; false when stopped short. */
  private static boolean read(
      KafkaConsumer<byte[], byte[]> consumer,
      TimelineFold fold,
      Tally tally,
      Map<TopicPartition, Long> begin,
      Map<TopicPartition, Long> end,
      long deadlineNanos,
      LongConsumer progress) {
    List<TopicPartition> open = new ArrayList<>();
    end.forEach(
        (tp, offset) -> {
          if (offset > begin.getOrDefault(tp, 0L)) {
            open.add(tp);
          }
        });
    if (open.isEmpty()) {
      return true;
    }
    consumer.assign(open);
    consumer.seekToBeginning(open);
    long events = 0;
    while (!open.isEmpty()) {
      if (System.nanoTime() > deadlineNanos) {
        return false;
      }
      ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> record : batch) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() >= end.get(tp)) {
          continue;
        }
        tally.add(record.topic(), apply(fold, record));
        if (!record.topic().equals(Topics.CONTENT_KEYS)) {
          events++;
        }
      }
      open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      progress.accept(events);
    }
    return true;
  }
}
