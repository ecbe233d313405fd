package news.ticker.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import news.ticker.events.EventCodec;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The write side of the transactional outbox: records are inserted in the caller's transaction, so
 * they exist exactly when the state change they announce was committed (no dual write). The commit
 * also notifies the relay, whichever replica it runs on.
 */
@ApplicationScoped
public class Outbox {

  static final String CHANNEL = "ticker_outbox";

  /** Appends the messages, in order, to the caller's transaction. */
  public Uni<Void> append(Mutiny.Session session, List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    StringBuilder sql =
        new StringBuilder(
            "insert into ticker_outbox (event_id, topic, message_key, headers, payload, stream_id,"
                + " stream_version) values ");
    for (int i = 0; i < messages.size(); i++) {
      int p = i * 7;
      sql.append(i == 0 ? "" : ", ")
          .append(
              "(?%d, ?%d, ?%d, ?%d, cast(?%d as text), ?%d, cast(?%d as bigint))"
                  .formatted(p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7));
    }
    var query = session.createNativeQuery(sql.toString());
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
    return query
        .executeUpdate()
        .chain(
            () ->
                session
                    .createNativeQuery("select pg_notify('" + CHANNEL + "', '')")
                    .getSingleResult()
                    .replaceWithVoid());
  }
}
