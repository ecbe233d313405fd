package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.events.Topics;
import news.ticker.platform.kafka.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Poison records: counted, recorded for the wellness check (shared by all replicas through the
 * database), and sent to {@link Topics#TIMELINE_DEAD_LETTER} with the reason in their {@code
 * dead-letter-reason} header, and the stream goes on. A per-record channel ({@code content-keys})
 * fails the record and its {@code dead-letter-queue} failure strategy sends it ({@link #reject});
 * the batched story channel cannot fail one record of a poll, so it publishes the record itself
 * ({@link #rejectAndPublish}), with the same headers.
 */
@ApplicationScoped
public class DeadLetters {

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  @Inject ProjectionTransactions transactions;
  @Inject ProjectionMetrics metrics;

  @Inject
  @Channel("timeline-dead-letter")
  Emitter<byte[]> deadLetterTopic;

  public <T> Uni<T> reject(ConsumerRecord<String, ?> record, PoisonRecordException poison) {
    LOG.errorf(
        "poison record %s-%d@%d (key %s) goes to %s: %s",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        Topics.TIMELINE_DEAD_LETTER,
        poison.getMessage());
    metrics.deadLettered(record.topic(), poison.reason());
    return transactions
        .recordDeadLetter(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            poison.reason(),
            poison.getMessage())
        .onFailure()
        .invoke(e -> LOG.warnf("cannot record the dead letter: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .chain(() -> Uni.createFrom().failure(poison));
  }

  /**
   * Records the poison, publishes the record to the dead-letter topic as the failure strategy would
   * (its headers, plus {@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code
   * -offset}) and completes: the poll goes on.
   */
  public Uni<Void> rejectAndPublish(
      ConsumerRecord<String, byte[]> record, PoisonRecordException poison) {
    return reject(record, poison)
        .onFailure()
        .recoverWithNull()
        .chain(
            () ->
                DeadLetterPublisher.publish(deadLetterTopic, record, poison.getMessage())
                    .onFailure()
                    .invoke(e -> LOG.warnf("cannot publish the dead letter: %s", e.getMessage()))
                    .onFailure()
                    .recoverWithNull());
  }

  /** Rejects the record if the failure is a poison, else passes the failure on. */
  public <T> Uni<T> rejectIfPoison(ConsumerRecord<String, ?> record, Throwable failure) {
    PoisonRecordException poison = Retries.poison(failure);
    return poison != null ? reject(record, poison) : Uni.createFrom().failure(failure);
  }
}
