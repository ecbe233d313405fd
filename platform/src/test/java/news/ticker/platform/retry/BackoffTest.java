package news.ticker.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void withoutJitterThePauseDoublesUpToTheLongest() {
    Backoff timeline = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));

    assertThat(IntStream.range(0, 11).mapToObj(r -> timeline.delay(r).toMillis()))
        .containsExactly(
            100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L);
    assertThat(timeline.delay(10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fullJitterGoesFromNothingToTheCeiling() {
    Backoff conflicts =
        Backoff.exponential(Duration.ofMillis(2), Duration.ofMillis(100)).withJitter(1);

    assertThat(conflicts.delay(3, 0)).isEqualTo(Duration.ofMillis(16));
    assertThat(conflicts.delay(3, 0.5)).isEqualTo(Duration.ofMillis(8));
    assertThat(conflicts.delay(3, 0.9999)).isEqualTo(Duration.ofMillis(1));
    assertThat(conflicts.delay(6, 0)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void halfJitterKeepsAtLeastHalfTheCeiling() {
    Backoff projection =
        Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10)).withJitter(0.5);

    assertThat(projection.delay(2, 0)).isEqualTo(Duration.ofMillis(800));
    assertThat(projection.delay(2, 0.9999)).isEqualTo(Duration.ofMillis(401));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    Backoff backoff = Backoff.exponential(Duration.ofMillis(1), Duration.ofSeconds(1));
    assertThatThrownBy(() -> backoff.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.withJitter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.delay(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 1000, seed = "20260302")
  void theCeilingIsFirstTimesTwoToTheRetriesCappedAtTheLongest(
      @ForAll @LongRange(min = 0, max = 60_000) long first,
      @ForAll @LongRange(min = 0, max = 3_600_000) long extra,
      @ForAll @IntRange(min = 0, max = 500) int retries) {
    Backoff backoff =
        Backoff.exponential(Duration.ofMillis(first), Duration.ofMillis(first + extra));

    BigInteger doubled = BigInteger.valueOf(first).shiftLeft(retries);
    long expected = doubled.min(BigInteger.valueOf(first + extra)).longValueExact();
    assertThat(backoff.ceiling(retries).toMillis()).isEqualTo(expected);
    assertThat(backoff.ceiling(retries + 1)).isGreaterThanOrEqualTo(backoff.ceiling(retries));
  }

  @Property(tries = 1000, seed = "20260302")
  void aJitteredPauseLiesBetweenTheJitteredShareAndTheCeiling(
      @ForAll @LongRange(min = 0, max = 60_000) long first,
      @ForAll @LongRange(min = 0, max = 3_600_000) long extra,
      @ForAll @IntRange(min = 0, max = 100) int retries,
      @ForAll @DoubleRange(min = 0, max = 1) double jitter,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    Backoff backoff =
        Backoff.exponential(Duration.ofMillis(first), Duration.ofMillis(first + extra))
            .withJitter(jitter);

    long ceiling = backoff.ceiling(retries).toMillis();
    long pause = backoff.delay(retries, random).toMillis();
    assertThat(pause).isBetween((long) Math.floor(ceiling * (1 - jitter)), ceiling);
    assertThat(backoff.delay(retries).toMillis()).isBetween(0L, ceiling);
  }
}
