package news.ticker.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import news.ticker.bench.measure.Latencies;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ColdStartTest {

  /** One histogram per second, each holding 100 values of the given milliseconds. */
  private static List<Histogram> seconds(long... ms) {
    List<Histogram> out = new ArrayList<>();
    for (long m : ms) {
      Histogram h = Latencies.emptyHistogram();
      if (m >= 0) {
        h.recordValueWithCount(m * 1000, 100);
      }
      out.add(h);
    }
    return out;
  }

  @Test
  void stableFromTheFirstSecondAfterWhichEverySecondIsUnderTheLimit() {
    assertThat(ColdStart.stableFrom(seconds(10, 20, 30), 250)).isZero();
    assertThat(ColdStart.stableFrom(seconds(900, 300, 20, 30), 250)).isEqualTo(2);
    // a late spike starts the count again
    assertThat(ColdStart.stableFrom(seconds(900, 20, 400, 30, 40), 250)).isEqualTo(3);
    // just under the limit (at three significant digits) is under it, just over is not
    assertThat(ColdStart.stableFrom(seconds(249), 250)).isZero();
    assertThat(ColdStart.stableFrom(seconds(252), 250)).isEqualTo(-1);
  }

  @Test
  void neverStableWhenTheLastSecondIsOverOrHasNoFrames() {
    assertThat(ColdStart.stableFrom(seconds(10, 20, 300), 250)).isEqualTo(-1);
    assertThat(ColdStart.stableFrom(seconds(10, 20, -1), 250)).isEqualTo(-1);
    // a silent second in the middle breaks the run: its frames never came
    assertThat(ColdStart.stableFrom(seconds(10, -1, 20), 250)).isEqualTo(2);
    assertThat(ColdStart.stableFrom(List.of(), 250)).isEqualTo(-1);
  }

  @Test
  void mergesSecondsIntoWindowsTheLastOneShorter() {
    List<Histogram> windows = ColdStart.merge(seconds(1, 2, 3, 4, 5), 2);
    assertThat(windows).hasSize(3);
    assertThat(windows.get(0).getTotalCount()).isEqualTo(200);
    assertThat(windows.get(1).getMaxValue()).isBetween(3_990L, 4_010L);
    assertThat(windows.get(2).getTotalCount()).isEqualTo(100);
  }
}
