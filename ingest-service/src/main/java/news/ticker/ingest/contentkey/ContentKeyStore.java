package news.ticker.ingest.contentkey;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import news.ticker.events.Ids;
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

  /**
   * The outbox record that publishes a key on {@code ticker.content-keys}. It must be appended
   * before the record of the event whose texts it seals, so the key reaches Kafka first.
   */
  public static OutboxMessage publication(UpdateKey key) {
    return OutboxMessage.of(key.published(), Ids.newId());
  }
}
