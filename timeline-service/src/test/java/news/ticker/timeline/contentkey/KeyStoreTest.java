package news.ticker.timeline.contentkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.ContentKey;
import news.ticker.events.Ids;
import org.junit.jupiter.api.Test;

/** Storing many keys at once (the rebuild's way) means the same as storing them one by one. */
@QuarkusTest
class KeyStoreTest {

  @Inject KeyStore keys;
  @Inject AgroalDataSource database;

  private static ContentKey key(String id, UUID storyId, String material) {
    return new ContentKey(
        id, storyId, ContentKey.A256GCM, material, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private void inTransaction(
      java.util.function.Function<
              org.hibernate.reactive.mutiny.Mutiny.Session, io.smallrye.mutiny.Uni<Void>>
          work)
      throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> Panache.getSession().chain(s -> work.apply(s))));
  }

  private Map<String, String> stored(String prefix) throws Exception {
    Map<String, String> materials = new HashMap<>();
    try (Connection c = database.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select key_id, key_material from content_key where key_id like ?")) {
      select.setString(1, prefix + "%");
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          materials.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return materials;
  }

  @Test
  void theLastOfAKeyWinsAndADestroyedKeyStaysDestroyed() throws Throwable {
    String prefix = "bulk-" + Ids.newId() + "-";
    UUID story = Ids.newId();
    inTransaction(session -> keys.destroy(session, prefix + "gone"));

    inTransaction(
        session ->
            keys.storeAll(
                session,
                List.of(
                    key(prefix + "a", story, "first"),
                    key(prefix + "b", null, "b"),
                    key(prefix + "gone", story, "back again"),
                    key(prefix + "a", story, "second"))));

    assertThat(stored(prefix))
        .containsOnly(Map.entry(prefix + "a", "second"), Map.entry(prefix + "b", "b"));
  }

  @Test
  void moreKeysThanOneStatementTakesAreAllStored() throws Throwable {
    String prefix = "many-" + Ids.newId() + "-";
    List<ContentKey> many = new ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      many.add(key(prefix + i, Ids.newId(), "m" + i));
    }

    inTransaction(session -> keys.storeAll(session, many));

    Map<String, String> stored = stored(prefix);
    assertThat(stored).hasSize(1_234);
    assertThat(stored).containsEntry(prefix + "1233", "m1233").containsEntry(prefix + "0", "m0");
  }

  @Test
  void aKeyStoredAgainUnchangedWritesNoNewRowVersionAndAChangedOneDoes() throws Throwable {
    String id = "again-" + Ids.newId();
    ContentKey first = key(id, Ids.newId(), "first");
    inTransaction(session -> keys.storeAll(session, List.of(first)));
    long written = rowVersion(id);

    // The rebuild's way, and the live consumer's.
    inTransaction(session -> keys.storeAll(session, List.of(first)));
    VertxContextSupport.subscribeAndAwait(() -> keys.storePublished(List.of(first)));
    assertThat(rowVersion(id)).as("the same row version").isEqualTo(written);

    ContentKey changed =
        new ContentKey(id, first.storyId(), first.algorithm(), "second", first.createdAt());
    VertxContextSupport.subscribeAndAwait(() -> keys.storePublished(List.of(changed)));
    assertThat(rowVersion(id)).isNotEqualTo(written);
    assertThat(stored(id)).containsOnly(Map.entry(id, "second"));
  }

  /** The transaction that wrote the key's current row version. */
  private long rowVersion(String keyId) throws Exception {
    try (Connection c = database.getConnection();
        PreparedStatement select =
            c.prepareStatement("select xmin::text::bigint from content_key where key_id = ?")) {
      select.setString(1, keyId);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }
}
