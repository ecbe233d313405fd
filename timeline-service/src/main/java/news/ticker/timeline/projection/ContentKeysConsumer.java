package news.ticker.timeline.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventDecodingException;
import news.ticker.timeline.contentkey.KeyArrivals;
import news.ticker.timeline.contentkey.KeyStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
  @Inject KeyStore keys;
  @Inject DeadLetters deadLetters;
  @Inject HeldStories heldStories;
  @Inject KeyArrivals arrivals;

  /**
   * Takes the records of a poll in order: each run of published keys is stored in one statement
   * (story events of the same moment wait for them), a destruction (tombstone) is applied on its
   * own, and a poison record is recorded and published to the dead-letter topic. The poll is
   * acknowledged when all of it is done, so a crash redelivers it, and storing a key again changes
   * nothing.
   */
  @Incoming("content-keys")
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    Uni<Void> done = Uni.createFrom().voidItem();
    List<ContentKey> run = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      List<ContentKey> pending = run;
      if (record.key() == null) {
        done =
            done.chain(() -> stored(pending))
                .chain(() -> poison(record, "content key record without key"));
        run = new ArrayList<>();
      } else if (record.value() == null) {
        done =
            done.chain(() -> stored(pending))
                .chain(
                    () ->
                        Retries.untilSuccess(
                            "destroying content key " + record.key(),
                            () -> transactions.destroyKey(record.key()),
                            MAX_BACKOFF));
        run = new ArrayList<>();
      } else {
        try {
          run.add(parse(record.key(), new String(record.value(), StandardCharsets.UTF_8)));
        } catch (EventDecodingException e) {
          done =
              done.chain(() -> stored(pending))
                  .chain(() -> deadLetters.rejectAndPublish(record, PoisonRecordException.of(e)));
          run = new ArrayList<>();
        }
      }
    }
    List<ContentKey> last = run;
    return done.chain(() -> stored(last));
  }

  private Uni<Void> poison(ConsumerRecord<String, byte[]> record, String reason) {
    return deadLetters.rejectAndPublish(
        record,
        PoisonRecordException.of(
            new EventDecodingException(EventDecodingException.Reason.BAD_ENVELOPE, reason)));
  }

  /** Stores a run of keys, wakes the events waiting here and retries the stories held for them. */
  private Uni<Void> stored(List<ContentKey> run) {
    if (run.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Retries.untilSuccess(
            "storing " + run.size() + " content keys", () -> keys.storePublished(run), MAX_BACKOFF)
        .invoke(() -> arrivals.arrived())
        .chain(
            waiting ->
                Multi.createFrom()
                    .iterable(waiting)
                    .onItem()
                    .transformToUniAndConcatenate(
                        held -> {
                          LOG.infof("content key arrived; story %s continues", held.storyId());
                          return heldStories
                              .retry(held.generation(), held.storyId())
                              .onFailure()
                              .recoverWithItem(
                                  e -> {
                                    LOG.warnf(
                                        "story %s did not continue: %s",
                                        held.storyId(), e.getMessage());
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
