package news.ticker.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import news.ticker.events.EventCodec;
import news.ticker.platform.db.ValuesList;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The write side of the transactional outbox: records are inserted in the caller's transaction, so
 * they exist exactly when the state change they announce was committed (no dual write). After the
 * commit the caller calls {@link #committed()}, which wakes the relay, whichever replica it runs
 * on.
 *
 * <p>The wake-up is a {@code NOTIFY} of its own, never one inside the write transaction: PostgreSQL
 * serialises the commits of all transactions that notify (they hold one database-wide lock until
 * their commit record is flushed), which capped every writer of the database at one commit per disk
 * flush. Alone, with {@code synchronous_commit} off (it carries no data), the notify is a short
 * statement, and concurrent commits are coalesced into one notify in flight at a time. A lost
 * wake-up (a crash right after the commit) only delays the rows until the relay's next sweep.
 */
@ApplicationScoped
public class Outbox {

  static final String CHANNEL = "ticker_outbox";

  private static final Logger LOG = Logger.getLogger(Outbox.class);

  @Inject Pool pool;

  private final WakeUps wakeUps = new WakeUps(this::notifyRelay);

  /** Appends the messages, in order, to the caller's transaction. */
  public Uni<Void> append(Mutiny.Session session, List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String sql =
        "insert into ticker_outbox (event_id, topic, message_key, headers, payload, stream_id,"
            + " stream_version) values "
            + ValuesList.of(messages.size(), null, null, null, null, "text", null, "bigint");
    var query = session.createNativeQuery(sql);
    try {
      for (int i = 0; i < messages.size(); i++) {
        OutboxMessage message = messages.get(i);
        int p = i * 7;
        query
            .setParameter(p + 1, message.eventId())
            .setParameter(p + 2, message.topic())
            .setParameter(p + 3, message.key())
            .setParameter(p + 4, EventCodec.MAPPER.writeValueAsString(message.headers()))
            .setParameter(p + 5, message.payload())
            .setParameter(p + 6, message.streamId())
            .setParameter(p + 7, message.streamVersion());
      }
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return query.executeUpdate().replaceWithVoid();
  }

  /**
   * Wakes the relay after a transaction that may have appended rows committed. Returns at once; the
   * notify runs in the background.
   */
  public void committed() {
    wakeUps.request();
  }

  private void notifyRelay(Runnable done) {
    pool.query(
            "select set_config('synchronous_commit', 'off', true), pg_notify('"
                + CHANNEL
                + "', '')")
        .execute()
        .subscribe()
        .with(
            rows -> done.run(),
            failure -> {
              // The relay's sweep still finds the rows.
              LOG.debugf("outbox wake-up not sent: %s", failure.getMessage());
              done.run();
            });
  }
}
