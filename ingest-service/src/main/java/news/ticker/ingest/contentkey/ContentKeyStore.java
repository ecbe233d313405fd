package news.ticker.ingest.contentkey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.ticker.events.Ids;
import news.ticker.events.Topics;
import news.ticker.platform.outbox.OutboxMessage;
import org.hibernate.reactive.mutiny.Mutiny;

/** The content keys of updates, kept in the same database and transactions as the events. */
@ApplicationScoped
public class ContentKeyStore {

  /**
   * The key of an update of that story, if it exists and was not destroyed. Edits seal their new
   * texts under it, so an update's texts all share one key.
   */
  public Uni<Optional<UpdateKey>> find(Mutiny.Session session, UUID storyId, UUID updateId) {
    return session
        .find(ContentKeyEntity.class, updateId)
        .map(
            entity ->
                Optional.ofNullable(entity)
                    .filter(e -> e.storyId.equals(storyId) && e.keyBytes != null)
                    .map(UpdateKey::stored));
  }

  /** Stores new keys in the session's transaction. */
  public Uni<Void> add(Mutiny.Session session, Collection<UpdateKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return session
        .persistAll(keys.stream().map(UpdateKey::toEntity).toArray())
        .call(session::flush);
  }

  /** Stores new keys in the connection's transaction, in one statement (the batched path). */
  public Uni<Void> add(SqlConnection connection, Collection<UpdateKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = keys.size();
    UUID[] ids = new UUID[n];
    UUID[] stories = new UUID[n];
    Buffer[] bytes = new Buffer[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    int i = 0;
    for (UpdateKey key : keys) {
      ContentKeyEntity row = key.toEntity();
      ids[i] = row.keyId;
      stories[i] = row.storyId;
      bytes[i] = Buffer.buffer(row.keyBytes);
      created[i] = row.createdAt.atOffset(ZoneOffset.UTC);
      i++;
    }
    return connection
        .preparedQuery(
            "insert into content_keys (key_id, story_id, key_bytes, created_at)"
                + " select * from unnest($1::uuid[], $2::uuid[], $3::bytea[], $4::timestamptz[])")
        .execute(Tuple.tuple(List.of(ids, stories, bytes, created)))
        .replaceWithVoid();
  }

  /**
   * Destroys an update's key in the session's transaction: the key bytes are wiped from {@code
   * content_keys} (the row stays, with {@code destroyed_at}, so the key is never created again) and
   * from the outbox row that published it, so nothing in this database can open the update's texts
   * any more. The tombstone for Kafka is {@link #tombstone}.
   */
  public Uni<Void> destroy(Mutiny.Session session, UUID storyId, UUID updateId, Instant at) {
    return session
        .createNativeQuery(
            "update content_keys set key_bytes = null, destroyed_at = ?1"
                + " where key_id = ?2 and key_bytes is not null")
        .setParameter(1, at)
        .setParameter(2, updateId)
        .executeUpdate()
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "update ticker_outbox set payload = null"
                            + " where topic = ?1 and message_key = ?2 and payload is not null")
                    .setParameter(1, Topics.CONTENT_KEYS)
                    .setParameter(2, updateId.toString())
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * The tombstone of an update's key on {@code ticker.content-keys}, sent to the story's partition
   * like the key itself. It must be appended before the record of the event that announces the
   * redaction.
   */
  public static OutboxMessage tombstone(UUID storyId, UUID updateId) {
    return OutboxMessage.tombstone(
        Topics.CONTENT_KEYS, updateId.toString(), storyId.toString(), Ids.newId());
  }

  /**
   * The outbox record that publishes a key on {@code ticker.content-keys}. It must be appended
   * before the record of the event whose texts it seals, so the key reaches Kafka first.
   */
  public static OutboxMessage publication(UpdateKey key) {
    return OutboxMessage.of(key.published(), Ids.newId());
  }
}
