package news.ticker.ingest.write;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between attempts without leaving the caller's Vert.x context: the reactive database
 * session of the next attempt must be opened on it, so Mutiny's own backoff (which resumes on a
 * worker thread) does not fit.
 */
public final class Backoff {

  private Backoff() {}

  /**
   * A random pause of up to {@code base × 2^attempt}, at most {@code max}: the randomness keeps
   * writers that collided from colliding again in lockstep.
   */
  public static Duration jittered(Duration base, Duration max, int attempt) {
    long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** Completes after the pause, on the current Vert.x context. */
  public static Uni<Void> pause(Duration duration) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("a pause between attempts needs a Vert.x context");
    }
    if (duration.isZero()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .emitter(
            emitter ->
                context
                    .owner()
                    .setTimer(
                        duration.toMillis(),
                        timer -> context.runOnContext(ignored -> emitter.complete(null))));
  }
}
