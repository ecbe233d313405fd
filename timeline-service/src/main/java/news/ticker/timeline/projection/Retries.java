package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import news.ticker.events.EventDecodingException;
import news.ticker.timeline.VertxDelays;
import org.jboss.logging.Logger;

/**
 * Retries a projection step until it succeeds, so a database outage delays the stream but never
 * reorders or loses it. Failures that no retry can cure (a record that does not decode, or whose
 * data breaks the fold) are passed on at once.
 */
public final class Retries {

  private static final Logger LOG = Logger.getLogger(Retries.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private Retries() {}

  public static <T> Uni<T> untilSuccess(
      String what, Supplier<Uni<T>> attempt, Duration maxBackoff) {
    return attempt(what, attempt, FIRST_BACKOFF, maxBackoff, 1);
  }

  private static <T> Uni<T> attempt(
      String what, Supplier<Uni<T>> attempt, Duration backoff, Duration maxBackoff, int number) {
    return Uni.createFrom()
        .deferred(() -> attempt.get())
        .onFailure(Retries::transientFailure)
        .recoverWithUni(
            failure -> {
              if (number == 1 || number % 10 == 0) {
                LOG.warnf(
                    "%s failed (attempt %d), retrying in %d ms: %s",
                    what, number, backoff.toMillis(), failure.toString());
              }
              Duration next = backoff.multipliedBy(2);
              return VertxDelays.delay(backoff)
                  .chain(
                      () ->
                          attempt(
                              what,
                              attempt,
                              next.compareTo(maxBackoff) > 0 ? maxBackoff : next,
                              maxBackoff,
                              number + 1));
            });
  }

  /** Whether a failure may go away by itself (database or network), not a poison record. */
  static boolean transientFailure(Throwable failure) {
    return !(poison(failure) != null);
  }

  /**
   * The poison hidden in a failure, if the failure means the record can never be applied: it failed
   * to decode, or a step on its data alone failed ({@link PoisonRecordException#fromRecordData}).
   * Any other failure, whatever its type, may be the database or the network and is retried: a
   * driver that throws a {@code NullPointerException} while its connection closes must not send a
   * good record to the dead letters.
   */
  public static PoisonRecordException poison(Throwable failure) {
    Throwable current = failure;
    while (current != null) {
      if (current instanceof PoisonRecordException p) {
        return p;
      }
      if (current instanceof EventDecodingException e) {
        return PoisonRecordException.of(e);
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return null;
  }
}
