package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import news.ticker.events.EventDecodingException;
import news.ticker.platform.failure.Causes;
import news.ticker.platform.retry.Backoff;
import news.ticker.platform.retry.Retry;
import org.jboss.logging.Logger;

/**
 * Retries a projection step until it succeeds, so a database outage delays the stream but never
 * reorders or loses it. Failures that no retry can cure (a record that does not decode, or whose
 * data breaks the fold) are passed on at once. The projection's rule is wider than the platform's
 * {@link news.ticker.platform.retry.TransientFailures}: everything but a poison is retried.
 */
public final class Retries {

  private static final Logger LOG = Logger.getLogger(Retries.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private Retries() {}

  public static <T> Uni<T> untilSuccess(
      String what, Supplier<Uni<T>> attempt, Duration maxBackoff) {
    return Retry.with(Backoff.exponential(FIRST_BACKOFF, maxBackoff))
        .when((failure, retries) -> transientFailure(failure))
        .logging(LOG, what)
        .run(attempt);
  }

  /** Whether a failure may go away by itself (database or network), not a poison record. */
  static boolean transientFailure(Throwable failure) {
    return poison(failure) == null;
  }

  /**
   * The poison hidden in a failure, if the failure means the record can never be applied: it failed
   * to decode, or a step on its data alone failed ({@link PoisonRecordException#fromRecordData}).
   * Any other failure, whatever its type, may be the database or the network and is retried: a
   * driver that throws a {@code NullPointerException} while its connection closes must not send a
   * good record to the dead letters.
   */
  public static PoisonRecordException poison(Throwable failure) {
    Throwable found =
        Causes.first(
            failure,
            t -> t instanceof PoisonRecordException || t instanceof EventDecodingException);
    if (found instanceof EventDecodingException e) {
      return PoisonRecordException.of(e);
    }
    return (PoisonRecordException) found;
  }
}
