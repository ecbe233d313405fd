package news.ticker.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentilesOfKnownValues() {
    Latencies l = new Latencies();
    for (int ms = 1; ms <= 1000; ms++) {
      l.recordNanos(ms * 1_000_000L);
    }
    LatencySummary s = LatencySummary.of(l.total());
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50Ms()).isCloseTo(500, within(1.0));
    assertThat(s.p95Ms()).isCloseTo(950, within(1.0));
    assertThat(s.p99Ms()).isCloseTo(990, within(1.0));
    assertThat(s.maxMs()).isCloseTo(1000, within(1.0));
    assertThat(s.meanMs()).isCloseTo(500.5, within(1.0));
  }

  @Test
  void cdfRisesToTheHundredthPercentile() {
    Latencies l = new Latencies();
    for (int i = 0; i < 10_000; i++) {
      l.recordMicros(100 + i % 977);
    }
    List<double[]> cdf = LatencySummary.of(l.total()).cdf();
    assertThat(cdf).isNotEmpty();
    for (int i = 1; i < cdf.size(); i++) {
      assertThat(cdf.get(i)[0]).isGreaterThan(cdf.get(i - 1)[0]);
      assertThat(cdf.get(i)[1]).isGreaterThanOrEqualTo(cdf.get(i - 1)[1]);
    }
    assertThat(cdf.get(cdf.size() - 1)[0]).isEqualTo(100.0);
  }

  @Test
  void emptyAndClampedValues() {
    assertThat(LatencySummary.of(Latencies.emptyHistogram())).isSameAs(LatencySummary.EMPTY);
    assertThat(LatencySummary.EMPTY.toJson().path("p99Ms").isNull()).isTrue();
    Latencies l = new Latencies();
    l.recordMicros(-5);
    l.recordMicros(Latencies.HIGHEST_MICROS * 2);
    assertThat(l.clamped()).isEqualTo(1);
    assertThat(l.total().getTotalCount()).isEqualTo(2);
  }

  @Test
  void intervalsAddUpToTheTotal() {
    Latencies l = new Latencies();
    l.recordMicros(10);
    assertThat(l.interval().getTotalCount()).isEqualTo(1);
    l.recordMicros(20);
    l.recordMicros(30);
    assertThat(l.interval().getTotalCount()).isEqualTo(2);
    assertThat(l.total().getTotalCount()).isEqualTo(3);
  }

  @Test
  void seriesCountsPerSecond() {
    Series s = new Series(0, 3);
    s.mark(100);
    s.mark(999_999_999L);
    s.mark(1_000_000_000L);
    s.add(2_500_000_000L, 5);
    s.mark(9_000_000_000L); // outside: ignored
    s.mark(-1); // before the start: ignored
    assertThat(s.counts(3)).containsExactly(2L, 1L, 5L);
  }
}
