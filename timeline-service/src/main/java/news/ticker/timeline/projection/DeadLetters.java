package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Poison records: counted, recorded for the wellness check (shared by all replicas through the
 * database), and then failed, so the channel's {@code dead-letter-queue} failure strategy sends the
 * record to {@link Topics#TIMELINE_DEAD_LETTER} with the reason in its {@code dead-letter-reason}
 * header, and the stream goes on.
 */
@ApplicationScoped
public class DeadLetters {

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  @Inject ProjectionTransactions transactions;
  @Inject ProjectionMetrics metrics;

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

  /** Rejects the record if the failure is a poison, else passes the failure on. */
  public <T> Uni<T> rejectIfPoison(ConsumerRecord<String, ?> record, Throwable failure) {
    PoisonRecordException poison = Retries.poison(failure);
    return poison != null ? reject(record, poison) : Uni.createFrom().failure(failure);
  }
}
