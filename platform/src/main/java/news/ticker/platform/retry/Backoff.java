package news.ticker.platform.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pauses between attempts: {@code first} before the first retry, doubling with every retry up
 * to {@code max}. With {@code jitter} (0 to 1) each pause is shortened by a random part of up to
 * that fraction, so that writers or replicas that failed together do not retry in lockstep: 0 is
 * the plain doubling, 1 is "full jitter" (anything from nothing up to the doubled pause).
 */
public record Backoff(Duration first, Duration max, double jitter) {

  public Backoff {
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 <= first <= max, got " + first + ", " + max);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be from 0 to 1, got " + jitter);
    }
  }

  /** Doubling from {@code first} up to {@code max}, without randomness. */
  public static Backoff exponential(Duration first, Duration max) {
    return new Backoff(first, max, 0);
  }

  /** The same doubling, each pause shortened by a random part of up to {@code fraction}. */
  public Backoff withJitter(double fraction) {
    return new Backoff(first, max, fraction);
  }

  /**
   * The longest pause before retry number {@code retries + 1}: {@code first × 2^retries}, at most
   * {@code max}.
   */
  public Duration ceiling(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
    long firstMillis = first.toMillis();
    long maxMillis = max.toMillis();
    if (firstMillis == 0) {
      return Duration.ZERO;
    }
    if (retries >= Long.SIZE - 1 || firstMillis > maxMillis >> retries) {
      return Duration.ofMillis(maxMillis);
    }
    return Duration.ofMillis(firstMillis << retries);
  }

  /** The pause before retry number {@code retries + 1} (0 for the first retry). */
  public Duration delay(int retries) {
    return delay(retries, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The pause before retry number {@code retries + 1}, for a {@code random} number from 0
   * (inclusive) to 1: the {@link #ceiling}, less {@code random × jitter} of it.
   */
  public Duration delay(int retries, double random) {
    long ceiling = ceiling(retries).toMillis();
    return Duration.ofMillis(ceiling - (long) (ceiling * jitter * random));
  }
}
