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

  /**
   * The condition of the key upserts' update: a key stored again exactly as it is (a rebuild
   * replays every key, a relay may publish one twice) writes no new row version, so replaying the
   * key topic costs a lookup per key instead of a rewrite.
   */
  private static final String UNLESS_UNCHANGED =
      " where (content_key.key_material, content_key.story_id, content_key.created_at)"
          + " is distinct from (excluded.key_material, excluded.story_id, excluded.created_at)";

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
  @Inject KeyArrivals arrivals;
  @Inject io.vertx.mutiny.sqlclient.Pool pool;

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
    long seen = arrivals.count();
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
              return arrivals
                  .next(pause, seen)
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

  /**
   * Waits (without blocking a thread) until every key is known here, available or destroyed, or
   * {@code ticker.timeline.projection.content-key-wait} passed: one query per look, for a whole
   * batch, woken by a key stored in this process ({@link KeyArrivals}) or every 10 to 200 ms.
   * Completes either way; a key still missing then sends its event down the per-event path.
   */
  public Uni<Void> awaitAllKnown(java.util.Collection<String> keyIds) {
    if (keyIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant deadline = Instant.now().plus(config.projection().contentKeyWait());
    return lookAll(keyIds.toArray(String[]::new), Duration.ofMillis(10), deadline);
  }

  private Uni<Void> lookAll(String[] keyIds, Duration pause, Instant deadline) {
    long seen = arrivals.count();
    return pool.preparedQuery(
            "select count(*) from (select key_id from content_key where key_id = any($1)"
                + " union select key_id from destroyed_key where key_id = any($1)) as known")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(keyIds))
        .chain(
            rows -> {
              long known = rows.iterator().next().getLong(0);
              if (known >= keyIds.length || Instant.now().isAfter(deadline)) {
                return Uni.createFrom().voidItem();
              }
              Duration next = pause.multipliedBy(2);
              return arrivals
                  .next(pause, seen)
                  .chain(
                      () ->
                          lookAll(
                              keyIds,
                              next.compareTo(Duration.ofMillis(200)) > 0
                                  ? Duration.ofMillis(200)
                                  : next,
                              deadline));
            });
  }

  /** A story held until one of the keys just stored arrived. */
  public record HeldStory(int generation, java.util.UUID storyId) {}

  /**
   * Stores published keys, as {@link #store} would one after the other (a destroyed key stays
   * destroyed; of a key that appears more than once, the last wins), in one transaction of two
   * statements on the reactive pool; answers the stories held for one of these keys. The live
   * consumer calls this for every poll, so it is on the hot path.
   */
  public Uni<List<HeldStory>> storePublished(List<ContentKey> published) {
    Map<String, ContentKey> lastOfEach = new LinkedHashMap<>();
    for (ContentKey key : published) {
      lastOfEach.remove(key.keyId());
      lastOfEach.put(key.keyId(), key);
    }
    int n = lastOfEach.size();
    String[] ids = new String[n];
    java.util.UUID[] stories = new java.util.UUID[n];
    String[] materials = new String[n];
    java.time.OffsetDateTime[] created = new java.time.OffsetDateTime[n];
    int i = 0;
    for (ContentKey key : lastOfEach.values()) {
      ids[i] = key.keyId();
      stories[i] = key.storyId();
      materials[i] = key.key();
      created[i] =
          (key.createdAt() == null ? Instant.now() : key.createdAt())
              .atOffset(java.time.ZoneOffset.UTC);
      i++;
    }
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(
                    "insert into content_key (key_id, story_id, key_material, created_at)"
                        + " select v.key_id, v.story_id, v.material, v.created_at from"
                        + " unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[])"
                        + " as v (key_id, story_id, material, created_at)"
                        + " where not exists (select 1 from destroyed_key d where d.key_id ="
                        + " v.key_id) on conflict (key_id) do update set key_material ="
                        + " excluded.key_material, story_id = excluded.story_id, created_at ="
                        + " excluded.created_at"
                        + UNLESS_UNCHANGED)
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids, stories, materials, created))
                .chain(
                    () ->
                        connection
                            .preparedQuery(
                                "select generation, story_id from story_progress"
                                    + " where waiting_key_id = any($1)")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids)))
                .map(
                    rows -> {
                      List<HeldStory> held = new ArrayList<>();
                      rows.forEach(
                          row -> held.add(new HeldStory(row.getInteger(0), row.getUUID(1))));
                      return held;
                    }));
  }

  /**
   * Stores a published key, unless that key was destroyed before (destruction is final); answers
   * whether a row was written (false too for a key already stored exactly so).
   */
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
                + " story_id = excluded.story_id, created_at = excluded.created_at"
                + UNLESS_UNCHANGED);
    ValuesList.bind(
        query,
        chunk,
        key ->
            new Object[] {
              key.keyId(),
              key.storyId(),
              key.key(),
              key.createdAt() == null ? Instant.now() : key.createdAt()
            });
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
