package news.ticker.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

  private static final double TOL = Verdict.TOLERANCE;

  @Test
  void higherIsBetterForRates() {
    assertThat(Verdict.judge(100, 120, "higher", TOL)).isEqualTo(Verdict.BETTER);
    assertThat(Verdict.judge(100, 80, "higher", TOL)).isEqualTo(Verdict.WORSE);
  }

  @Test
  void lowerIsBetterForLatencies() {
    assertThat(Verdict.judge(100, 80, "lower", TOL)).isEqualTo(Verdict.BETTER);
    assertThat(Verdict.judge(100, 120, "lower", TOL)).isEqualTo(Verdict.WORSE);
  }

  @Test
  void withinTheToleranceOfTheLargerIsSame() {
    // 5 % of the larger value: 100 vs 105 differ by 4.8 % of 105, 100 vs 106 by 5.7 %.
    assertThat(Verdict.judge(100, 105, "higher", TOL)).isEqualTo(Verdict.SAME);
    assertThat(Verdict.judge(105, 100, "lower", TOL)).isEqualTo(Verdict.SAME);
    assertThat(Verdict.judge(100, 106, "higher", TOL)).isEqualTo(Verdict.BETTER);
    assertThat(Verdict.judge(106, 100, "higher", TOL)).isEqualTo(Verdict.WORSE);
  }

  @Test
  void zeroesAndNeither() {
    assertThat(Verdict.judge(0, 0, "lower", TOL)).isEqualTo(Verdict.SAME);
    assertThat(Verdict.judge(0, 3, "lower", TOL)).isEqualTo(Verdict.WORSE); // frames lost
    assertThat(Verdict.judge(0, 3, "higher", TOL)).isEqualTo(Verdict.BETTER);
    assertThat(Verdict.judge(10, 20, "neither", TOL)).isEqualTo(Verdict.CHANGED);
    assertThat(Verdict.judge(10, 10.2, "neither", TOL)).isEqualTo(Verdict.SAME);
    assertThat(Verdict.judge(10, 20, "HIGHER", TOL)).isEqualTo(Verdict.BETTER);
  }

  @Test
  void aMissingValueIsNotMeasured() {
    assertThat(Verdict.judge(Double.NaN, 3, "lower", TOL)).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(Verdict.judge(3, Double.NaN, "higher", TOL)).isEqualTo(Verdict.NOT_MEASURED);
  }
}
