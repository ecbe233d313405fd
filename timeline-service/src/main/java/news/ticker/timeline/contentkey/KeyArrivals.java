package news.ticker.timeline.contentkey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the projection, in this process, that a content key was stored: an event waiting for its
 * key looks again at once instead of at its next poll. A key stored by another replica is not
 * announced here; the poll (at most {@link #next}'s {@code max} apart) finds it.
 */
@ApplicationScoped
public class KeyArrivals {

  private List<Runnable> waiters = new ArrayList<>();
  private long count;

  /**
   * How many times keys arrived so far: read it before looking, and pass it to {@link #next}, so
   * that a key stored between the look and the wait is not missed.
   */
  public synchronized long count() {
    return count;
  }

  /** A key was stored (and committed) here. */
  public void arrived() {
    List<Runnable> woken;
    synchronized (this) {
      count++;
      woken = waiters;
      waiters = new ArrayList<>();
    }
    woken.forEach(Runnable::run);
  }

  /**
   * Completes, on the caller's Vert.x context, when a key is stored here after {@link #count} was
   * {@code seen} (at once if that happened already) or after {@code max}, whichever comes first.
   */
  public Uni<Void> next(Duration max, long seen) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("no Vert.x context to resume on");
    }
    return Uni.createFrom()
        .emitter(
            emitter -> {
              AtomicBoolean done = new AtomicBoolean();
              Runnable wake =
                  () -> {
                    if (done.compareAndSet(false, true)) {
                      context.runOnContext(ignored -> emitter.complete(null));
                    }
                  };
              synchronized (this) {
                if (count != seen) {
                  context.runOnContext(ignored -> emitter.complete(null));
                  return;
                }
                waiters.add(wake);
              }
              context.owner().setTimer(Math.max(1, max.toMillis()), id -> wake.run());
            });
  }
}
