package news.ticker.ingest.write;

import io.quarkus.security.identity.SecurityIdentity;
import news.ticker.platform.http.IfMatch;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.security.Actor;

/**
 * Who writes and under which conditions: the actor recorded in the events, the {@code If-Match}
 * precondition, and what identifies the request for its {@code Idempotency-Key}.
 */
public record WriteContext(
    String actor, IfMatch ifMatch, String idempotencyKey, String method, String path) {

  public static WriteContext of(SecurityIdentity identity, WriteHeaders headers) {
    return new WriteContext(
        Actor.of(identity),
        IfMatch.parse(headers.ifMatch()),
        headers.idempotencyKey,
        headers.request.getMethod(),
        headers.uriInfo.getPath());
  }

  /**
   * The request's idempotency key, or null without the header. Scoped to the actor, so keys of
   * different callers never collide; its fingerprint covers method, path, body and {@code If-Match}
   * (the platform's one rule, {@link IdempotencyKey}).
   */
  public IdempotencyKey idempotencyKey(String canonicalBody) {
    return IdempotencyKey.of(idempotencyKey, actor, method, path, canonicalBody, ifMatch.header());
  }
}
