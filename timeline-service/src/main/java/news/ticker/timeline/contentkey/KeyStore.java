package news.ticker.timeline.contentkey;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.ticker.events.ContentKey;
import news.ticker.platform.db.ValuesList;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.VertxDelays;
import news.ticker.timeline.readmodel.ContentKeyRow;
import news.ticker.timeline.readmodel.DestroyedKey;
import news.ticker.timeline.readmodel.StoryProgress;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The content keys of removable texts, from {@code ticker.content-keys}. Keys are read from the
 * database for every event and never cached in memory: a key destroyed through one replica must be
 * unusable on every replica at once, replays included.
 */
@ApplicationScoped
public class KeyStore {

  private static final Logger LOG = Logger.getLogger(KeyStore.class);
  private static final int KEYS_PER_STATEMENT = 500;

  /** Every place a removable text is stored: blanked when its key is destroyed. */
  private static final List<String> REDACTIONS =
      List.of(
          "update update_view set headline = null, body = null, correction_note = null,"
              + " redacted = true where key_id = :keyId",
          "update update_revision set headline = null, body = null, note = null, redacted = true"
              + " where key_id = :keyId",
          // Every text field of the change data becomes {"redacted": true}; other fields stay.
          "update story_change set data = (select jsonb_object_agg(field, case when field in"
              + " ('headline', 'body', 'note') and value <> cast('null' as jsonb) then cast('{\"redacted\":"
              + " true}' as jsonb) else value end) from jsonb_each(data) as entry(field, value))"
              + " where key_id = :keyId");

  @Inject TimelineConfig config;

  /** The key ring for one event's key, read in the caller's session. */
  public Uni<KeyRing> ring(Mutiny.Session session, String keyId, boolean missingMeansDestroyed) {
    if (keyId == null) {
      return Uni.createFrom().item(id -> new KeyRing.Missing());
    }
    return lookup(session, keyId)
        .map(
            lookup -> {
              KeyRing.Lookup effective =
                  missingMeansDestroyed && lookup instanceof KeyRing.Missing
                      ? new KeyRing.Destroyed()
                      : lookup;
              return id -> id.equals(keyId) ? effective : new KeyRing.Missing();
            });
  }

  private Uni<KeyRing.Lookup> lookup(Mutiny.Session session, String keyId) {
    return session
        .find(DestroyedKey.class, keyId)
        .chain(
            destroyed -> {
              if (destroyed != null) {
                return Uni.createFrom().item(new KeyRing.Destroyed());
              }
              return session
                  .find(ContentKeyRow.class, keyId)
                  .map(
                      row ->
                          row == null
                              ? new KeyRing.Missing()
                              : new KeyRing.Available(Base64.getDecoder().decode(row.keyMaterial)));
            });
  }

  /**
   * Waits (without blocking a thread) until the key is known here, available or destroyed. The key
   * is published before the event, but on another topic that another replica may be consuming, so
   * it can arrive a little later. Completes with false when it is still unknown after {@code
   * ticker.timeline.projection.content-key-wait}.
   */
  public Uni<Boolean> awaitKnown(String keyId) {
    if (keyId == null) {
      return Uni.createFrom().item(true);
    }
    Instant deadline = Instant.now().plus(config.projection().contentKeyWait());
    return poll(keyId, config.projection().contentKeyPoll(), deadline);
  }

  private Uni<Boolean> poll(String keyId, Duration pause, Instant deadline) {
    return Panache.withSession(() -> Panache.getSession().chain(s -> lookup(s, keyId)))
        .chain(
            lookup -> {
              if (!(lookup instanceof KeyRing.Missing)) {
                return Uni.createFrom().item(true);
              }
              if (Instant.now().isAfter(deadline)) {
                return Uni.createFrom().item(false);
              }
              Duration next = pause.multipliedBy(2);
              return VertxDelays.delay(pause)
                  .chain(
                      () ->
                          poll(
                              keyId,
                              next.compareTo(Duration.ofSeconds(1)) > 0
                                  ? Duration.ofSeconds(1)
                                  : next,
                              deadline));
            });
  }

  /** Stores a published key, unless that key was destroyed before (destruction is final). */
  public Uni<Boolean> store(Mutiny.Session session, ContentKey key) {
    return storeChunk(session, List.of(key)).map(rows -> rows > 0);
  }

  /**
   * Stores many published keys in one statement per {@value #KEYS_PER_STATEMENT}, exactly as {@link
   * #store} would one after the other (a destroyed key stays destroyed; of a key that appears more
   * than once, the last wins). A rebuild replays tens of thousands of keys before its first event:
   * a statement per key was most of its time.
   */
  public Uni<Void> storeAll(Mutiny.Session session, List<ContentKey> keys) {
    Map<String, ContentKey> lastOfEach = new LinkedHashMap<>();
    for (ContentKey key : keys) {
      lastOfEach.remove(key.keyId());
      lastOfEach.put(key.keyId(), key);
    }
    List<ContentKey> distinct = new ArrayList<>(lastOfEach.values());
    Uni<Void> stored = Uni.createFrom().voidItem();
    for (int from = 0; from < distinct.size(); from += KEYS_PER_STATEMENT) {
      List<ContentKey> chunk =
          distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_STATEMENT));
      stored = stored.chain(() -> storeChunk(session, chunk).replaceWithVoid());
    }
    return stored;
  }

  /** Stores keys with distinct ids in one statement; answers how many rows it wrote. */
  private Uni<Integer> storeChunk(Mutiny.Session session, List<ContentKey> chunk) {
    var query =
        session.createNativeQuery(
            "insert into content_key (key_id, story_id, key_material, created_at)"
                + " select v.key_id, v.story_id, v.material, v.created_at from (values "
                + ValuesList.of(chunk.size(), "text", "uuid", "text", "timestamptz")
                + ") as v (key_id, story_id, material, created_at)"
                + " where not exists (select 1 from destroyed_key d where d.key_id = v.key_id)"
                + " on conflict (key_id) do update set key_material = excluded.key_material,"
                + " story_id = excluded.story_id, created_at = excluded.created_at");
    for (int i = 0; i < chunk.size(); i++) {
      ContentKey key = chunk.get(i);
      int p = i * 4;
      query
          .setParameter(p + 1, key.keyId())
          .setParameter(p + 2, key.storyId())
          .setParameter(p + 3, key.key())
          .setParameter(p + 4, key.createdAt() == null ? Instant.now() : key.createdAt());
    }
    return query.executeUpdate();
  }

  /**
   * Destroys a key: remembers the destruction, deletes the key and blanks every text sealed under
   * it in every generation of the views, revisions and change log.
   */
  public Uni<Void> destroy(Mutiny.Session session, String keyId) {
    Uni<Integer> chain =
        session
            .createNativeQuery(
                "insert into destroyed_key (key_id) values (:keyId) on conflict do nothing")
            .setParameter("keyId", keyId)
            .executeUpdate()
            .chain(
                () ->
                    session
                        .createNativeQuery("delete from content_key where key_id = :keyId")
                        .setParameter("keyId", keyId)
                        .executeUpdate());
    for (String redaction : REDACTIONS) {
      chain =
          chain.chain(
              () ->
                  session
                      .createNativeQuery(redaction)
                      .setParameter("keyId", keyId)
                      .executeUpdate());
    }
    // The stories showing the texts look different now: their cached reads are stale.
    chain =
        chain.chain(
            () ->
                session
                    .createNativeQuery(
                        "update story_view s set representation = s.representation + 1"
                            + " where exists (select 1 from update_view u where u.key_id = :keyId"
                            + " and u.generation = s.generation and u.story_id = s.story_id)")
                    .setParameter("keyId", keyId)
                    .executeUpdate());
    return chain
        .invoke(() -> LOG.infof("content key %s destroyed; its texts are redacted", keyId))
        .replaceWithVoid();
  }

  /** The stories held because they wait for this key, in any generation. */
  public Uni<List<StoryProgress>> storiesWaitingFor(Mutiny.Session session, String keyId) {
    return session
        .createSelectionQuery("from StoryProgress where waitingKeyId = :keyId", StoryProgress.class)
        .setParameter("keyId", keyId)
        .getResultList();
  }
}
