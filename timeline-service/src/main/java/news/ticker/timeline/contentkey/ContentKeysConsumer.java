package news.ticker.timeline.contentkey;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventDecodingException;
import news.ticker.timeline.projection.DeadLetters;
import news.ticker.timeline.projection.HeldStories;
import news.ticker.timeline.projection.PoisonRecordException;
import news.ticker.timeline.projection.ProjectionTransactions;
import news.ticker.timeline.projection.Retries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows {@code ticker.content-keys} (compacted, key = key id): stores published keys, and on a
 * tombstone destroys the key and redacts every text sealed under it. A stored key releases the
 * stories that were held waiting for it.
 */
@ApplicationScoped
public class ContentKeysConsumer {

  private static final Logger LOG = Logger.getLogger(ContentKeysConsumer.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  @Inject ProjectionTransactions transactions;
  @Inject DeadLetters deadLetters;
  @Inject HeldStories heldStories;

  @Incoming("content-keys")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    if (record.key() == null) {
      return deadLetters.reject(
          record,
          PoisonRecordException.of(
              new EventDecodingException(
                  EventDecodingException.Reason.BAD_ENVELOPE, "content key record without key")));
    }
    if (record.value() == null) {
      return Retries.untilSuccess(
          "destroying content key " + record.key(),
          () -> transactions.destroyKey(record.key()),
          MAX_BACKOFF);
    }
    ContentKey key;
    try {
      key = parse(record.key(), record.value());
    } catch (EventDecodingException e) {
      return deadLetters.reject(record, PoisonRecordException.of(e));
    }
    return Retries.untilSuccess(
            "storing content key " + key.keyId(), () -> transactions.storeKey(key), MAX_BACKOFF)
        .chain(
            waiting ->
                Multi.createFrom()
                    .iterable(waiting)
                    .onItem()
                    .transformToUniAndConcatenate(
                        progress -> {
                          LOG.infof(
                              "content key %s arrived; story %s continues",
                              key.keyId(), progress.storyId);
                          return heldStories
                              .retry(progress.generation, progress.storyId)
                              .onFailure()
                              .recoverWithItem(
                                  e -> {
                                    LOG.warnf(
                                        "story %s did not continue: %s",
                                        progress.storyId, e.getMessage());
                                    return null;
                                  });
                        })
                    .collect()
                    .last())
        .replaceWithVoid();
  }

  /** Reads and checks a published key. */
  public static ContentKey parse(String recordKey, String json) {
    ContentKey key;
    try {
      key = EventCodec.MAPPER.readValue(json, ContentKey.class);
    } catch (JsonProcessingException e) {
      throw new EventDecodingException(
          EventDecodingException.Reason.MALFORMED_DATA, "content key is not valid JSON", e);
    }
    if (key.keyId() == null || !key.keyId().equals(recordKey)) {
      throw new EventDecodingException(
          EventDecodingException.Reason.MALFORMED_DATA,
          "content key id " + key.keyId() + " does not match the record key " + recordKey);
    }
    if (!ContentKey.A256GCM.equals(key.algorithm())) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE, "unknown key algorithm " + key.algorithm());
    }
    try {
      if (key.key() == null || Base64.getDecoder().decode(key.key()).length != 32) {
        throw new EventDecodingException(
            EventDecodingException.Reason.MALFORMED_DATA, "the key is not 32 bytes of base64");
      }
    } catch (IllegalArgumentException e) {
      throw new EventDecodingException(
          EventDecodingException.Reason.MALFORMED_DATA, "the key is not base64", e);
    }
    return key;
  }
}
