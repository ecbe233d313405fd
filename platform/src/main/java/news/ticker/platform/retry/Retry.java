package news.ticker.platform.retry;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs an attempt again after it failed, with a {@link Backoff} between attempts, on the Vert.x
 * context it started on: the reactive database session of the next attempt (Hibernate Reactive,
 * Panache) must be opened there, so Mutiny's own retry, which resubscribes from a timer thread,
 * does not fit. Which failures are retried, and how often, is the caller's {@link Condition}; by
 * default every {@linkplain TransientFailures#isTransient transient} failure, as long as it takes.
 *
 * <pre>{@code
 * Retry.with(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30)))
 *     .when((failure, retries) -> TransientFailures.isTransient(failure) || retries < 5)
 *     .logging(LOG, "applying analysis " + id)
 *     .run(() -> applyOnce(event));
 * }</pre>
 *
 * <p>Immutable: each method returns a new {@code Retry}.
 */
public final class Retry {

  /** Whether to try again after {@code failure}, when {@code retries} retries were made so far. */
  @FunctionalInterface
  public interface Condition {
    boolean retry(Throwable failure, int retries);
  }

  private final Backoff backoff;
  private final Condition condition;
  private final Logger log;
  private final String what;

  private Retry(Backoff backoff, Condition condition, Logger log, String what) {
    this.backoff = backoff;
    this.condition = condition;
    this.log = log;
    this.what = what;
  }

  /** Retries transient failures, as long as it takes, pausing as {@code backoff} says. */
  public static Retry with(Backoff backoff) {
    return new Retry(
        backoff, (failure, retries) -> TransientFailures.isTransient(failure), null, null);
  }

  /** Retries only the failures that {@code condition} accepts; any other fails the run at once. */
  public Retry when(Condition condition) {
    return new Retry(backoff, condition, log, what);
  }

  /**
   * Logs a warning naming {@code what} failed (at the first failure and every tenth, so an outage
   * does not flood the log). Without it, retries are silent (a lost race is no news).
   */
  public Retry logging(Logger log, String what) {
    return new Retry(backoff, condition, log, what);
  }

  /**
   * The first outcome of {@code attempt} that is a success, or a failure that is not retried. Each
   * retry runs on the Vert.x context the run was subscribed on or, when it was subscribed off any
   * context, on the context the failure arrived on; outside Vert.x, after Mutiny's own delay.
   */
  public <T> Uni<T> run(Supplier<Uni<T>> attempt) {
    return Uni.createFrom().deferred(() -> attempt(attempt, Vertx.currentContext(), 0));
  }

  private <T> Uni<T> attempt(Supplier<Uni<T>> attempt, Context context, int retries) {
    return Uni.createFrom()
        .deferred(() -> attempt.get())
        .onFailure(failure -> condition.retry(failure, retries))
        .recoverWithUni(
            failure -> {
              Duration pause = backoff.delay(retries);
              int failed = retries + 1;
              if (log != null && (failed == 1 || failed % 10 == 0)) {
                log.warnf(
                    "%s failed (attempt %d), retrying in %d ms: %s",
                    what, failed, pause.toMillis(), failure.toString());
              }
              return pause(context, pause).chain(() -> attempt(attempt, context, failed));
            });
  }

  private static Uni<Void> pause(Context started, Duration pause) {
    Context context = started != null ? started : Vertx.currentContext();
    if (context != null) {
      return VertxDelays.delay(context, pause);
    }
    Uni<Void> now = Uni.createFrom().voidItem();
    return pause.isZero() ? now : now.onItem().delayIt().by(pause);
  }
}
