package news.ticker.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentileTest {

  @Test
  void nearestRankOfAHundredValues() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[99 - i] = i + 1; // unsorted: 100 … 1
    }

    assertThat(Percentile.nearestRank(values, 0.99)).isEqualTo(99);
    assertThat(Percentile.nearestRank(values, 0.5)).isEqualTo(50);
    assertThat(Percentile.nearestRank(values, 1.0)).isEqualTo(100);
    assertThat(values[0]).as("the input is left as it was").isEqualTo(100);
  }

  @Test
  void withFewValuesTheP99IsTheLongest() {
    assertThat(Percentile.nearestRank(new long[] {3, 40, 7}, 0.99)).isEqualTo(40);
    assertThat(Percentile.nearestRank(new long[] {5}, 0.0)).isEqualTo(5);
  }

  @Test
  void noValuesNoPercentile() {
    assertThat(Percentile.nearestRank(new long[0], 0.99)).isNaN();
  }
}
