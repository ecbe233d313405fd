package news.ticker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradeTest {

  @Test
  void aCellBelow95PercentOfItsAskedRateIsNeverMet() {
    assertThat(Grade.atRate(100, 84.2, true)).isEqualTo(Grade.RATE_NOT_REACHED);
    assertThat(Grade.atRate(100, 84.2, false)).isEqualTo(Grade.RATE_NOT_REACHED);
    assertThat(Grade.atRate(1000, 949.9, true)).isEqualTo(Grade.RATE_NOT_REACHED);
  }

  @Test
  void aCellAtItsRateIsGradedByItsFigures() {
    assertThat(Grade.atRate(100, 95, true)).isEqualTo(Grade.MET);
    assertThat(Grade.atRate(100, 99.9, false)).isEqualTo(Grade.NOT_MET);
    assertThat(Grade.atRate(10, 10.4, true)).isEqualTo(Grade.MET);
  }

  @Test
  void whatWasNotMeasuredStaysNotMeasured() {
    assertThat(Grade.atRate(100, Double.NaN, true)).isEqualTo(Grade.NOT_MEASURED);
    assertThat(Grade.atRate(100, 100, null)).isEqualTo(Grade.NOT_MEASURED);
    assertThat(new ScenarioReport.Target("a", "b", "c", Grade.RATE_NOT_REACHED).met()).isFalse();
    assertThat(new ScenarioReport.Target("a", "b", "c", Grade.NOT_MEASURED).met()).isNull();
  }
}
