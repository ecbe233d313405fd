package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.contentkey.KeyStore;
import news.ticker.timeline.stream.LiveFanOut;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The projection of {@code ticker.story-events}, in consumer group {@code timeline-projection}, so
 * replicas share the partitions. Each record is applied in its own transaction before it is
 * acknowledged (commit strategy {@code throttled}: offsets are committed only up to records whose
 * processing completed), so a crash redelivers, and redelivery changes nothing.
 */
@ApplicationScoped
public class StoryEventsConsumer {

  @Inject ProjectionTransactions transactions;
  @Inject KeyStore keys;
  @Inject DeadLetters deadLetters;
  @Inject ProjectionMetrics metrics;
  @Inject LiveFanOut fanOut;
  @Inject TimelineConfig config;

  @Incoming("story-events")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    RawEvent raw = RawEvent.of(record);
    EventEnvelope envelope;
    try {
      envelope = validated(raw.decode());
    } catch (EventDecodingException e) {
      return deadLetters.reject(record, PoisonRecordException.of(e));
    }
    String keyId = ChangeRenderer.contentKeyOf((StoryEvent) envelope.data());
    return Retries.untilSuccess(
            "projecting " + record.topic() + "-" + record.partition() + "@" + record.offset(),
            () -> keys.awaitKnown(keyId).chain(() -> transactions.projectStoryEvent(envelope, raw)),
            config.projection().maxRetryBackoff())
        .onFailure()
        .recoverWithUni(failure -> deadLetters.rejectIfPoison(record, failure))
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
        .replaceWithVoid();
  }

  /** The envelope, if it is a story event the projection can place. */
  static EventEnvelope validated(EventEnvelope envelope) {
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
