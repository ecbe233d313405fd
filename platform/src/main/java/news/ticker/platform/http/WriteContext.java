package news.ticker.platform.http;

import io.quarkus.security.identity.SecurityIdentity;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.security.Actor;

/**
 * Who writes and under which conditions, in every service: the actor recorded in the events, the
 * {@code If-Match} precondition, and what identifies the request for its {@code Idempotency-Key}.
 */
public record WriteContext(
    String actor, IfMatch ifMatch, String idempotencyKey, String method, String path) {

  /**
   * The context of a request.
   *
   * @throws news.ticker.platform.problem.ProblemException 400 naming {@code If-Match} when it is
   *     malformed
   */
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
   * different callers never collide; its fingerprint covers method, path, the canonical body and
   * {@code If-Match} (the platform's one rule, {@link IdempotencyKey}).
   *
   * @throws news.ticker.platform.problem.ProblemException 400 naming {@code Idempotency-Key} when
   *     it is malformed
   */
  public IdempotencyKey idempotencyKey(String canonicalBody) {
    return IdempotencyKey.of(idempotencyKey, actor, method, path, canonicalBody, ifMatch.header());
  }
}
