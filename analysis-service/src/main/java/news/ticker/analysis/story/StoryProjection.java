package news.ticker.analysis.story;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import news.ticker.analysis.AnalysisConfig;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.platform.kafka.DeadLetterPublisher;
import news.ticker.platform.retry.Backoff;
import news.ticker.platform.retry.Retry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the story projection up to date from {@code ticker.story-events} (consumer group {@code
 * analysis-stories}). The records of a poll are applied together, in one transaction ({@link
 * StoryProjector}); the poll's offsets are committed (throttled) only after it committed. A record
 * that cannot be decoded goes to {@code ticker.analysis.dead-letter} with the reason in its
 * headers, and the rest of the poll goes on. A transient database failure is retried instead,
 * because skipping a story event would turn later analyses of that story into 422s. A poll that
 * fails for another reason is applied again record by record, so only the record at fault is
 * dead-lettered.
 */
@ApplicationScoped
public class StoryProjection {

  static final String CHANNEL = "story-events";
  static final String DEAD_LETTERED_METRIC = "ticker.analysis.story-events.dead-lettered";

  private static final Logger LOG = Logger.getLogger(StoryProjection.class);

  private final EventCodec codec = new EventCodec();
  private final StoryProjector projector;
  private final AnalysisConfig config;
  private final Emitter<byte[]> deadLetterTopic;
  private final Counter applied;
  private final Counter duplicates;
  private final Counter deadLettered;

  @Inject
  StoryProjection(
      StoryProjector projector,
      AnalysisConfig config,
      MeterRegistry registry,
      @Channel("analysis-dead-letter") Emitter<byte[]> deadLetterTopic) {
    this.projector = projector;
    this.config = config;
    this.deadLetterTopic = deadLetterTopic;
    this.applied = registry.counter("ticker.analysis.story-events.applied");
    this.duplicates = registry.counter("ticker.analysis.story-events.duplicates");
    this.deadLettered = registry.counter(DEAD_LETTERED_METRIC);
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    List<Decoded> decoded = new ArrayList<>();
    Uni<Void> rejected = Uni.createFrom().voidItem();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        decoded.add(new Decoded(record, decode(record)));
      } catch (RuntimeException e) {
        rejected = rejected.chain(() -> deadLetter(record, e));
      }
    }
    if (decoded.isEmpty()) {
      return rejected;
    }
    // Every attempt runs on this poll's Vert.x context, wherever the step before it ended.
    Executor onContext = onCurrentContext();
    return rejected.chain(
        () ->
            retried(decoded, onContext)
                .onFailure()
                .recoverWithUni(
                    failure -> {
                      if (decoded.size() == 1) {
                        return deadLetter(decoded.get(0).record(), failure);
                      }
                      LOG.warnf(
                          "a poll of %d story events cannot be applied together (%s);"
                              + " applying them one by one",
                          decoded.size(), failure.toString());
                      return Multi.createFrom()
                          .iterable(decoded)
                          .onItem()
                          .transformToUniAndConcatenate(
                              one ->
                                  retried(List.of(one), onContext)
                                      .onFailure()
                                      .recoverWithUni(e -> deadLetter(one.record(), e)))
                          .collect()
                          .last()
                          .replaceWithVoid();
                    }));
  }

  /**
   * Applies the events in one transaction, retrying as long as the failure is transient, each
   * attempt on this poll's Vert.x context.
   */
  private Uni<Void> retried(List<Decoded> events, Executor onContext) {
    List<EventEnvelope> envelopes = events.stream().map(Decoded::envelope).toList();
    return Retry.with(
            Backoff.exponential(
                    config.projection().retryBackoff(), config.projection().maxRetryBackoff())
                .withJitter(0.5))
        .logging(LOG, "applying " + envelopes.size() + " story event(s)")
        .run(() -> projector.apply(envelopes))
        // Subscribed from where the previous step ended (a dead letter's acknowledgement may come
        // from the producer's thread): the retry keeps the context it was subscribed on.
        .runSubscriptionOn(onContext)
        .invoke(
            outcome -> {
              applied.increment(outcome.applied());
              duplicates.increment(outcome.duplicates());
            })
        .replaceWithVoid();
  }

  private EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
    EventEnvelope envelope =
        CloudEventHeaders.read(name -> header(record, name), record.value(), codec);
    if (!(envelope.data() instanceof StoryEvent event) || event.storyId() == null) {
      throw new IllegalArgumentException(
          "not a story event with a story id: " + envelope.type().ceType() + " " + envelope.id());
    }
    return envelope;
  }

  /** Counts and logs the record, and publishes it to the dead letters; the poll goes on. */
  private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable reason) {
    deadLettered.increment();
    LOG.errorf(
        reason,
        "story event at %s-%d@%d (key %s) goes to the dead letters",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key());
    return DeadLetterPublisher.publish(deadLetterTopic, record, String.valueOf(reason))
        .onFailure()
        .invoke(e -> LOG.warnf("cannot publish the dead letter: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  private static Executor onCurrentContext() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Runnable::run;
    }
    return task -> context.runOnContext(ignored -> task.run());
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A record and the story event it carries. */
  private record Decoded(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {}
}
