package news.ticker.timeline.projection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Topics;
import news.ticker.platform.kafka.KafkaClients;
import news.ticker.timeline.changes.CommittedChanges;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.readmodel.StoryKey;
import news.ticker.timeline.readmodel.StoryProgress;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Stories held at a gap or waiting for a content key: what the admin endpoints and the key consumer
 * do with them.
 */
@ApplicationScoped
public class HeldStories {

  private static final Logger LOG = Logger.getLogger(HeldStories.class);

  @Inject ProjectionTransactions transactions;
  @Inject Generations generations;
  @Inject CommittedChanges fanOut;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  /** The progress of a story in the active generation, or null. */
  public Uni<StoryProgress> progress(UUID storyId) {
    int generation = generations.active();
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(s -> s.find(StoryProgress.class, new StoryKey(generation, storyId))));
  }

  /** Applies a held story's parked events again (e.g. its content key has arrived). */
  public Uni<StoryProjector.Outcome> retry(int generation, UUID storyId) {
    return transactions.retryStory(generation, storyId).map(this::published);
  }

  /**
   * The admin's retry: first re-reads the story's partition from the beginning for the versions it
   * misses (a newer build may now read an event that was dead-lettered, or a redelivery may have
   * been lost), then applies what is parked.
   */
  public Uni<StoryProjector.Outcome> retryFromKafka(UUID storyId) {
    Context context = Vertx.currentContext();
    return progress(storyId)
        .chain(
            progress -> {
              long applied = progress == null ? 0 : progress.appliedVersion;
              return Uni.createFrom()
                  .item(() -> scanPartition(storyId, applied))
                  // Kafka's client blocks: read on a worker, then come back to the Vert.x context
                  // before any database work.
                  .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                  .emitOn(command -> context.runOnContext(ignored -> command.run()));
            })
        .chain(
            found ->
                Multi.createFrom()
                    .iterable(found)
                    .onItem()
                    .transformToUniAndConcatenate(this::reproject)
                    .collect()
                    .last())
        .chain(() -> retry(generations.active(), storyId));
  }

  /** The admin's skip: gives up on what the held story waits for. */
  public Uni<StoryProjector.Outcome> skip(UUID storyId) {
    return transactions.skipStoryGap(generations.active(), storyId).map(this::published);
  }

  private Uni<Void> reproject(RawEvent raw) {
    EventEnvelope envelope;
    try {
      envelope = StoryEventsConsumer.validated(raw.decode());
    } catch (EventDecodingException e) {
      LOG.warnf("retry: an event of the story still does not decode: %s", e.getMessage());
      return Uni.createFrom().voidItem();
    }
    return transactions.projectStoryEvent(envelope, raw).map(this::published).replaceWithVoid();
  }

  private StoryProjector.Outcome published(ProjectionTransactions.InGeneration result) {
    if (result.outcome().advanced()) {
      fanOut.committed(
          result.generation(), result.outcome().storyId(), result.outcome().appliedAfter());
    }
    return result.outcome();
  }

  /** Every record of the story after {@code applied} in its partition, in order (blocking). */
  private List<RawEvent> scanPartition(UUID storyId, long applied) {
    Map<String, Object> props =
        KafkaClients.rawConsumer(kafkaConfig, "timeline-gap-retry-" + storyId);
    List<RawEvent> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      int partitions = consumer.partitionsFor(Topics.STORY_EVENTS).size();
      byte[] key = storyId.toString().getBytes(StandardCharsets.UTF_8);
      TopicPartition partition =
          new TopicPartition(
              Topics.STORY_EVENTS, Utils.toPositive(Utils.murmur2(key)) % partitions);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (storyId.toString().equals(record.key())) {
            RawEvent raw = RawEvent.of(record);
            String version = raw.headers().get("ce_streamversion");
            if (version != null && parse(version) > applied) {
              found.add(raw);
            }
          }
        }
      }
    }
    LOG.infof(
        "retry: found %d event(s) of story %s after version %d", found.size(), storyId, applied);
    return found;
  }

  private static long parse(String version) {
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
