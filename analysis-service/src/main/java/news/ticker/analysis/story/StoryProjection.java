package news.ticker.analysis.story;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import news.ticker.analysis.AnalysisConfig;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the story projection up to date from {@code ticker.story-events} (consumer group {@code
 * analysis-stories}). Records are applied one at a time in partition order, each in its own
 * transaction on the event loop; the offset is committed (throttled) only after the transaction
 * committed. A record that cannot be decoded or applied goes to {@code ticker.analysis.dead-letter}
 * with the reason in its headers; a transient database failure is retried instead, because skipping
 * a story event would turn later analyses of that story into 422s.
 */
@ApplicationScoped
public class StoryProjection {

  static final String CHANNEL = "story-events";
  static final String DEAD_LETTERED_METRIC = "ticker.analysis.story-events.dead-lettered";

  private static final Logger LOG = Logger.getLogger(StoryProjection.class);

  private final EventCodec codec = new EventCodec();
  private final StoryProjector projector;
  private final AnalysisConfig config;
  private final Counter applied;
  private final Counter duplicates;
  private final Counter deadLettered;

  @Inject
  StoryProjection(StoryProjector projector, AnalysisConfig config, MeterRegistry registry) {
    this.projector = projector;
    this.config = config;
    this.applied = registry.counter("ticker.analysis.story-events.applied");
    this.duplicates = registry.counter("ticker.analysis.story-events.duplicates");
    this.deadLettered = registry.counter(DEAD_LETTERED_METRIC);
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    EventEnvelope envelope;
    try {
      envelope = CloudEventHeaders.read(name -> header(record, name), record.value(), codec);
    } catch (RuntimeException e) {
      return deadLetter(record, e);
    }
    // Retries resubscribe from a timer thread; bring each attempt back to this record's Vert.x
    // context, where Hibernate Reactive must run.
    Executor onContext = onCurrentContext();
    return Uni.createFrom()
        .deferred(() -> projector.apply(envelope))
        .runSubscriptionOn(onContext)
        .onFailure(TransientFailures::isTransient)
        .invoke(
            e ->
                LOG.warnf(
                    "story event %s (%s) not applied yet, retrying: %s",
                    envelope.id(), envelope.type().name(), e.toString()))
        .onFailure(TransientFailures::isTransient)
        .retry()
        .withBackOff(config.projection().retryBackoff(), config.projection().maxRetryBackoff())
        .indefinitely()
        .onItem()
        .invoke(wasApplied -> (wasApplied ? applied : duplicates).increment())
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(e -> deadLetter(record, e));
  }

  /** Counts and logs the record, then fails it so the connector sends it to the dead letters. */
  private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable reason) {
    deadLettered.increment();
    LOG.errorf(
        reason,
        "story event at %s-%d@%d (key %s) goes to the dead letters",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key());
    return Uni.createFrom().failure(reason);
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
}
