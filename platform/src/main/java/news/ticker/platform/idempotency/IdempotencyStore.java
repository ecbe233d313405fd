package news.ticker.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
            row -> {
              if (!key.requestHash().equals(row[0]) && !FORGOTTEN.equals(row[0])) {
                throw ProblemException.unprocessable(
                    IdempotencyKey.HEADER, "this key was already used for a different request");
              }
              if (row[1] == null) {
                // Committed without a response: cannot happen while claim and complete share a
                // transaction.
                throw ProblemException.inFlight(
                    "the first request with this key has no response", 1);
              }
              try {
                Map<String, String> headers = EventCodec.MAPPER.readValue((String) row[2], HEADERS);
                return new StoredResponse(((Number) row[1]).intValue(), headers, (String) row[3]);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable stored response", e);
              }
            });
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
