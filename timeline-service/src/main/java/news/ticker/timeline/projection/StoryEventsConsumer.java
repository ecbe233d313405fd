package news.ticker.timeline.projection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.changes.CommittedChanges;
import news.ticker.timeline.contentkey.KeyStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The projection of {@code ticker.story-events}, in consumer group {@code timeline-projection}, so
 * replicas share the partitions. It takes the records of a poll at once: the {@link BatchProjector}
 * applies what it can of every story in one transaction, and the records it leaves (a held story, a
 * gap, a missing key, a redaction) go through {@link StoryProjector} one at a time, in order, after
 * that commit. The poll is acknowledged when all of it is applied (commit strategy {@code
 * throttled}: offsets are committed only up to processed records), so a crash redelivers, and
 * redelivery changes nothing: each story's progress row says what was applied.
 */
@ApplicationScoped
public class StoryEventsConsumer {

  private static final Logger LOG = Logger.getLogger(StoryEventsConsumer.class);

  @Inject ProjectionTransactions transactions;
  @Inject BatchProjector batch;
  @Inject KeyStore keys;
  @Inject DeadLetters deadLetters;
  @Inject ProjectionMetrics metrics;
  @Inject CommittedChanges fanOut;
  @Inject TimelineConfig config;

  @Incoming("story-events")
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    Map<UUID, List<BatchProjector.Item>> byStory = new LinkedHashMap<>();
    List<ConsumerRecord<String, byte[]>> poison = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      RawEvent raw = RawEvent.of(record);
      EventEnvelope envelope;
      try {
        envelope = validated(raw.decode());
      } catch (EventDecodingException e) {
        poison.add(record);
        continue;
      }
      byStory
          .computeIfAbsent(((StoryEvent) envelope.data()).storyId(), id -> new ArrayList<>())
          .add(new BatchProjector.Item(envelope, raw, record));
    }
    Uni<Void> rejected =
        Multi.createFrom()
            .iterable(poison)
            .onItem()
            .transformToUniAndConcatenate(this::consumeOne)
            .collect()
            .last()
            .replaceWithVoid();
    if (byStory.isEmpty()) {
      return rejected;
    }
    java.util.Set<String> keyIds = new java.util.LinkedHashSet<>();
    byStory.values().stream()
        .flatMap(List::stream)
        .map(item -> ChangeRenderer.contentKeyOf((StoryEvent) item.envelope().data()))
        .filter(java.util.Objects::nonNull)
        .forEach(keyIds::add);
    long polled = System.nanoTime();
    long[] keysKnown = new long[1];
    long oldest = Long.MAX_VALUE;
    for (ConsumerRecord<String, byte[]> record : records) {
      oldest = Math.min(oldest, record.timestamp());
    }
    long oldestTimestamp = oldest;
    return rejected
        // The keys are published before the events, on another topic: they are usually a few
        // milliseconds behind. Waiting for them here keeps the batch whole.
        .chain(() -> keys.awaitAllKnown(keyIds).onFailure().recoverWithNull())
        .invoke(() -> keysKnown[0] = System.nanoTime())
        .chain(
            () ->
                Retries.untilSuccess(
                        "projecting a batch of " + records.count() + " story records",
                        () -> batch.project(byStory),
                        config.projection().maxRetryBackoff())
                    .onFailure()
                    .recoverWithItem(failure -> null))
        .chain(
            result -> {
              if (result == null) {
                // The batch cannot be applied as a whole (a record it failed to see as poison):
                // every record goes its own way, and a poison one to the dead letters.
                return oneByOne(byStory.values().stream().flatMap(List::stream).toList());
              }
              List<BatchProjector.Item> rest = new ArrayList<>();
              long batched = 0;
              for (BatchProjector.StoryResult story : result.stories()) {
                batched += story.applied().size();
                if (story.after() > story.before()) {
                  metrics.applied(story.after() - story.before());
                  fanOut.committed(
                      result.generation(), story.storyId(), story.after(), story.applied());
                }
                rest.addAll(story.rest());
              }
              metrics.batch(batched, rest.size());
              if (LOG.isDebugEnabled()) {
                long now = System.nanoTime();
                LOG.debugf(
                    "a poll of %d story records: %d applied in one batch, %d go one by one;"
                        + " oldest record %d ms old at the poll, keys waited %d ms, batch %d ms",
                    records.count(),
                    batched,
                    rest.size(),
                    System.currentTimeMillis() - (now - polled) / 1_000_000 - oldestTimestamp,
                    (keysKnown[0] - polled) / 1_000_000,
                    (now - keysKnown[0]) / 1_000_000);
              }
              return oneByOne(rest);
            });
  }

  private Uni<Void> oneByOne(List<BatchProjector.Item> items) {
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(
            item -> {
              @SuppressWarnings("unchecked")
              ConsumerRecord<String, byte[]> record =
                  (ConsumerRecord<String, byte[]>) item.source();
              return consumeOne(record);
            })
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * Projects one record on its own (the per-event path): waits for its content key, applies, parks
   * or holds it; a poison record is recorded and published to the dead-letter topic.
   */
  Uni<Void> consumeOne(ConsumerRecord<String, byte[]> record) {
    RawEvent raw = RawEvent.of(record);
    EventEnvelope envelope;
    try {
      envelope = validated(raw.decode());
    } catch (EventDecodingException e) {
      return deadLetters.rejectAndPublish(record, PoisonRecordException.of(e));
    }
    String keyId = ChangeRenderer.contentKeyOf((StoryEvent) envelope.data());
    return Retries.untilSuccess(
            "projecting " + record.topic() + "-" + record.partition() + "@" + record.offset(),
            () -> keys.awaitKnown(keyId).chain(() -> transactions.projectStoryEvent(envelope, raw)),
            config.projection().maxRetryBackoff())
        .invoke(
            result -> {
              StoryProjector.Outcome outcome = result.outcome();
              if (outcome.advanced()) {
                metrics.applied(outcome.appliedAfter() - outcome.appliedBefore());
                fanOut.committed(result.generation(), outcome.storyId(), outcome.appliedAfter());
              } else if (!outcome.held()) {
                metrics.duplicate();
              }
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              PoisonRecordException poison = Retries.poison(failure);
              return poison != null
                  ? deadLetters.rejectAndPublish(record, poison)
                  : Uni.createFrom().failure(failure);
            });
  }

  /** The envelope, if it is a story event the projection can place. */
  public static EventEnvelope validated(EventEnvelope envelope) {
    if (!(envelope.data() instanceof StoryEvent event)) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE,
          envelope.type().ceType() + " does not belong on the story stream");
    }
    if (event.storyId() == null) {
      throw new EventDecodingException(
          EventDecodingException.Reason.MALFORMED_DATA, "storyId is missing");
    }
    if (envelope.streamVersion() < 1) {
      throw new EventDecodingException(
          EventDecodingException.Reason.BAD_ENVELOPE,
          "ce_streamversion must be at least 1, was " + envelope.streamVersion());
    }
    return envelope;
  }
}
