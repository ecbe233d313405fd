package news.ticker.analysis.analysis;

import news.ticker.platform.http.IfMatch;
import news.ticker.platform.idempotency.IdempotencyKey;

/**
 * A write as its HTTP request asks for it: who asks, under which {@code If-Match} precondition, and
 * what identifies the request for its {@code Idempotency-Key} (the platform's one rule, {@link
 * IdempotencyKey}: method, path, canonical body and {@code If-Match}).
 *
 * @param idempotencyKey the {@code Idempotency-Key} header as sent, or null without one
 * @param body the request body, re-serialised as the canonical body of the key; null without one
 */
public record WriteContext(
    String actor,
    IfMatch ifMatch,
    String idempotencyKey,
    String method,
    String path,
    Object body) {}
