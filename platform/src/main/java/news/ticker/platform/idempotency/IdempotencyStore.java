package news.ticker.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.ticker.events.EventCodec;
import news.ticker.platform.problem.ProblemException;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Idempotency keys claimed inside the write's own transaction. {@code insert … on conflict do
 * nothing} waits on a concurrent transaction holding the same key: when that one commits, this one
 * finds its stored response; when it rolls back, this one claims the key. So duplicates never
 * append twice, and a crash between append and response leaves nothing half-done. A duplicate still
 * waiting after the lock timeout gets 409 with {@code Retry-After}.
 */
@ApplicationScoped
public class IdempotencyStore {

  /**
   * The request hash of a key whose request was forgotten (its text was redacted): the hash of a
   * text is a test for a guessed text, so it must go too. Any request under that key then gets the
   * stored response: the write is never done twice.
   */
  public static final String FORGOTTEN = "forgotten";

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private static final int IN_FLIGHT_WAIT_SECONDS = 10;

  /**
   * Claims the key in the caller's transaction.
   *
   * @return empty when this request owns the key and must do the work; the stored response of the
   *     earlier identical request otherwise
   * @throws ProblemException 422 when the key was used for another request
   */
  public Uni<Optional<StoredResponse>> claim(Mutiny.Session session, IdempotencyKey key) {
    return session
        .createNativeQuery("set local lock_timeout = '" + IN_FLIGHT_WAIT_SECONDS + "s'")
        .executeUpdate()
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "insert into ticker_idempotency (scope, idem_key, request_hash)"
                            + " values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, key.scope())
                    .setParameter(2, key.key())
                    .setParameter(3, key.requestHash())
                    .executeUpdate())
        .onFailure(IdempotencyStore::isLockTimeout)
        .transform(
            e ->
                ProblemException.inFlight(
                    "a request with this Idempotency-Key is still being processed", 1))
        .chain(
            inserted ->
                inserted == 1
                    ? Uni.createFrom().item(Optional.<StoredResponse>empty())
                    : stored(session, key).map(Optional::of));
  }

  /**
   * Stores the response of the request that claimed the key, in the same transaction as its write.
   */
  public Uni<Void> complete(Mutiny.Session session, IdempotencyKey key, StoredResponse response) {
    String headers;
    try {
      headers = EventCodec.MAPPER.writeValueAsString(response.headers());
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return session
        .createNativeQuery(
            "update ticker_idempotency set response_status = ?1, response_headers = ?2,"
                + " response_body = cast(?3 as text) where scope = ?4 and idem_key = ?5")
        .setParameter(1, response.status())
        .setParameter(2, headers)
        .setParameter(3, response.body())
        .setParameter(4, key.scope())
        .setParameter(5, key.key())
        .executeUpdate()
        .replaceWithVoid();
  }

  /**
   * Forgets what identified the requests whose stored response mentions {@code token} (e.g. an
   * update id), in the caller's transaction: their request hashes become {@link #FORGOTTEN}. The
   * stored responses stay, so retries still get them and never write again.
   *
   * @return how many keys were forgotten
   */
  public Uni<Integer> forgetRequestsMentioning(Mutiny.Session session, String token) {
    return forgetRequestsMentioning(session, token, null);
  }

  /**
   * The same, and the stored response bodies become {@code replacementBody} when it is not null:
   * for responses that held the removed text themselves.
   */
  public Uni<Integer> forgetRequestsMentioning(
      Mutiny.Session session, String token, String replacementBody) {
    String pattern =
        "%" + token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    if (replacementBody == null) {
      return session
          .createNativeQuery(
              "update ticker_idempotency set request_hash = ?1"
                  + " where response_body like ?2 or response_headers like ?2")
          .setParameter(1, FORGOTTEN)
          .setParameter(2, pattern)
          .executeUpdate();
    }
    return session
        .createNativeQuery(
            "update ticker_idempotency set request_hash = ?1, response_body = cast(?3 as text)"
                + " where response_body like ?2 or response_headers like ?2")
        .setParameter(1, FORGOTTEN)
        .setParameter(2, pattern)
        .setParameter(3, replacementBody)
        .executeUpdate();
  }

  private Uni<StoredResponse> stored(Mutiny.Session session, IdempotencyKey key) {
    return session
        .createNativeQuery(
            "select request_hash, response_status, response_headers, response_body"
                + " from ticker_idempotency where scope = ?1 and idem_key = ?2",
            Object[].class)
        .setParameter(1, key.scope())
        .setParameter(2, key.key())
        .getSingleResult()
        .map(
            row ->
                answer(
                    key,
                    (String) row[0],
                    row[1] == null ? null : ((Number) row[1]).intValue(),
                    (String) row[2],
                    (String) row[3]));
  }

  // The same on the Vert.x PostgreSQL client, for the batched write path: the keys of a whole batch
  // are looked up in one statement, and the new ones stored with their responses in another. The
  // batch holds the write locks of the keys' streams, so no other batch claims them meanwhile; a
  // key inserted concurrently by any other path fails the insert and with it the batch, whose
  // members then run alone (and find the stored answer).

  /**
   * What is stored under any of the keys, in one statement, by {@link IdempotencyKey#id()}. {@link
   * Stored#answerTo} then says what each request gets.
   */
  public Uni<Map<List<String>, Stored>> find(
      SqlConnection connection, Collection<IdempotencyKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    String[] scopes = new String[keys.size()];
    String[] ids = new String[keys.size()];
    int i = 0;
    for (IdempotencyKey key : keys) {
      scopes[i] = key.scope();
      ids[i] = key.key();
      i++;
    }
    return connection
        .preparedQuery(
            "select i.scope, i.idem_key, i.request_hash, i.response_status, i.response_headers,"
                + " i.response_body from ticker_idempotency i"
                + " join unnest($1::text[], $2::text[]) as k(scope, idem_key)"
                + " on i.scope = k.scope and i.idem_key = k.idem_key")
        .execute(Tuple.of(scopes, ids))
        .map(
            rows -> {
              Map<List<String>, Stored> found = new HashMap<>();
              for (Row row : rows) {
                found.put(
                    List.of(row.getString("scope"), row.getString("idem_key")),
                    new Stored(
                        row.getString("request_hash"),
                        row.getInteger("response_status"),
                        row.getString("response_headers"),
                        row.getString("response_body")));
              }
              return found;
            });
  }

  /**
   * Claims new keys together with their responses, in one statement of the connection's
   * transaction. A key that exists already fails the statement.
   */
  public Uni<Void> store(
      SqlConnection connection, List<IdempotencyKey> keys, List<StoredResponse> responses) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = keys.size();
    String[] scopes = new String[n];
    String[] ids = new String[n];
    String[] hashes = new String[n];
    Integer[] statuses = new Integer[n];
    String[] headers = new String[n];
    String[] bodies = new String[n];
    try {
      for (int i = 0; i < n; i++) {
        IdempotencyKey key = keys.get(i);
        StoredResponse response = responses.get(i);
        scopes[i] = key.scope();
        ids[i] = key.key();
        hashes[i] = key.requestHash();
        statuses[i] = response.status();
        headers[i] = EventCodec.MAPPER.writeValueAsString(response.headers());
        bodies[i] = response.body();
      }
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return connection
        .preparedQuery(
            "insert into ticker_idempotency (scope, idem_key, request_hash, response_status,"
                + " response_headers, response_body) select * from unnest($1::text[], $2::text[],"
                + " $3::text[], $4::int[], $5::text[], $6::text[])")
        .execute(Tuple.tuple(List.of(scopes, ids, hashes, statuses, headers, bodies)))
        .replaceWithVoid();
  }

  /** A stored key's row. */
  public record Stored(String requestHash, Integer status, String headers, String body) {

    /**
     * The stored response for a request under this key.
     *
     * @throws ProblemException 422 when the key was used for another request; 409 when the first
     *     request has no response yet
     */
    public StoredResponse answerTo(IdempotencyKey key) {
      return answer(key, requestHash, status, headers, body);
    }
  }

  /**
   * The stored response for a request under a key already used.
   *
   * @throws ProblemException 422 when the key was used for another request; 409 when the first
   *     request has no response yet
   */
  private static StoredResponse answer(
      IdempotencyKey key, String requestHash, Integer status, String headers, String body) {
    if (!key.requestHash().equals(requestHash) && !FORGOTTEN.equals(requestHash)) {
      throw ProblemException.unprocessable(
          IdempotencyKey.HEADER, "this key was already used for a different request");
    }
    if (status == null) {
      // Committed without a response: cannot happen while claim and complete share a transaction.
      throw ProblemException.inFlight("the first request with this key has no response", 1);
    }
    try {
      return new StoredResponse(status, EventCodec.MAPPER.readValue(headers, HEADERS), body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored response", e);
    }
  }

  private static boolean isLockTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("55P03") || message.contains("lock timeout")) {
        return true;
      }
    }
    return false;
  }
}
