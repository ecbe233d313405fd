package news.ticker.platform.idempotency;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs a write at most once per {@code Idempotency-Key}, inside the caller's transaction: claims
 * the key, runs the write, stores its response with the key, all in one commit. A retry of the same
 * request gets the stored response (marked {@code Idempotent-Replayed}) and runs nothing; the same
 * key with another request is a 422. A write that fails rolls back its claim with everything else,
 * so the client may retry it with the same key.
 *
 * <p>Call it from a method that already runs in a Hibernate Reactive transaction (for example one
 * annotated {@code @WithTransaction}), passing that transaction's session.
 */
@ApplicationScoped
public class IdempotentWrites {

  @Inject IdempotencyStore store;

  /**
   * @param key the request's key, or null when the client sent none (the write then simply runs)
   * @param write the write itself, run only when this request owns the key; its response is what a
   *     retry will get back
   */
  public Uni<Response> run(
      Mutiny.Session session, IdempotencyKey key, Supplier<Uni<StoredResponse>> write) {
    if (key == null) {
      return write.get().map(StoredResponse::toResponse);
    }
    return store
        .claim(session, key)
        .chain(
            earlier ->
                earlier.isPresent()
                    ? Uni.createFrom().item(earlier.get().toReplayedResponse())
                    : write
                        .get()
                        .call(response -> store.complete(session, key, response))
                        .map(StoredResponse::toResponse));
  }
}
