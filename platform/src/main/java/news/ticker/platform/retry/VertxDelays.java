package news.ticker.platform.retry;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Pauses that resume on the caller's Vert.x context. Mutiny's own delays resume on a worker pool,
 * where Hibernate Reactive refuses to run and a reactive session opened on the context is not
 * found; every wait inside a database pipeline uses these.
 */
public final class VertxDelays {

  private VertxDelays() {}

  /** Completes after {@code delay} on the current Vert.x context (which must exist). */
  public static Uni<Void> delay(Duration delay) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("no Vert.x context to resume on");
    }
    return delay(context, delay);
  }

  /**
   * Completes after {@code delay} on {@code context}; a delay under a millisecond completes as soon
   * as the context runs it. A cancelled pause cancels its timer.
   */
  public static Uni<Void> delay(Context context, Duration delay) {
    long millis = delay.toMillis();
    return Uni.createFrom()
        .emitter(
            emitter -> {
              if (millis <= 0) {
                context.runOnContext(ignored -> emitter.complete(null));
                return;
              }
              long timer =
                  context
                      .owner()
                      .setTimer(
                          millis, id -> context.runOnContext(ignored -> emitter.complete(null)));
              emitter.onTermination(() -> context.owner().cancelTimer(timer));
            });
  }
}
