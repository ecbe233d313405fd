package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.events.ArticleEvent;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.timeline.TimelineConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps related-article snapshots fresh from {@code ticker.article-events}. */
@ApplicationScoped
public class ArticleEventsConsumer {

  @Inject ProjectionTransactions transactions;
  @Inject DeadLetters deadLetters;
  @Inject TimelineConfig config;

  @Incoming("article-events")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    EventEnvelope envelope;
    try {
      envelope = RawEvent.of(record).decode();
      if (!(envelope.data() instanceof ArticleEvent)) {
        throw new EventDecodingException(
            EventDecodingException.Reason.UNKNOWN_TYPE,
            envelope.type().ceType() + " does not belong on the article stream");
      }
      if (((ArticleEvent) envelope.data()).articleId() == null) {
        throw new EventDecodingException(
            EventDecodingException.Reason.MALFORMED_DATA, "articleId is missing");
      }
    } catch (EventDecodingException e) {
      return deadLetters.reject(record, PoisonRecordException.of(e));
    }
    return Retries.untilSuccess(
            "projecting " + record.topic() + "-" + record.partition() + "@" + record.offset(),
            () -> transactions.projectArticleEvent(envelope),
            config.projection().maxRetryBackoff())
        .onFailure()
        .recoverWithUni(failure -> deadLetters.rejectIfPoison(record, failure));
  }
}
