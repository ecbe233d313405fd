package news.ticker.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
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
      ValuesList.bind(
          query,
          messages,
          message ->
              new Object[] {
                message.eventId(),
                message.topic(),
                message.key(),
                EventCodec.MAPPER.writeValueAsString(message.headers()),
                message.payload(),
                message.streamId(),
                message.streamVersion()
              });
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return query.executeUpdate().replaceWithVoid();
  }

  /**
   * Appends the messages, in order, to the connection's transaction, in one statement whatever
   * their number (the batched path on the Vert.x client). Ids follow the list's order, so the relay
   * publishes them in this order.
   */
  public Uni<Void> append(SqlConnection connection, List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = messages.size();
    UUID[] eventIds = new UUID[n];
    String[] topics = new String[n];
    String[] keys = new String[n];
    String[] headers = new String[n];
    String[] payloads = new String[n];
    String[] streams = new String[n];
    Long[] versions = new Long[n];
    try {
      for (int i = 0; i < n; i++) {
        OutboxMessage message = messages.get(i);
        eventIds[i] = message.eventId();
        topics[i] = message.topic();
        keys[i] = message.key();
        headers[i] = EventCodec.MAPPER.writeValueAsString(message.headers());
        payloads[i] = message.payload();
        streams[i] = message.streamId();
        versions[i] = message.streamVersion();
      }
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return connection
        .preparedQuery(
            "insert into ticker_outbox (event_id, topic, message_key, headers, payload, stream_id,"
                + " stream_version) select e, t, k, h, p, s, v from unnest($1::uuid[], $2::text[],"
                + " $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])"
                + " with ordinality as m(e, t, k, h, p, s, v, n) order by n")
        .execute(Tuple.tuple(List.of(eventIds, topics, keys, headers, payloads, streams, versions)))
        .replaceWithVoid();
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
