package news.ticker.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import news.ticker.bench.report.Grade;
import org.junit.jupiter.api.Test;

class SingleStoryCellTest {

  private final SingleStoryCell.Floor hundred = SingleStoryCell.floor(100);
  private final SingleStoryCell.Floor thousand = SingleStoryCell.floor(1_000);

  @Test
  void issue15SetsFloorsForTheTwoRates() {
    assertThat(hundred).isNotNull();
    assertThat(thousand).isNotNull();
    assertThat(SingleStoryCell.floor(10)).isNull();
  }

  @Test
  void oneHundredPerSecondNeedsTheRateAndAFastP99() {
    assertThat(hundred.grade(99.5, 40)).isEqualTo(Grade.MET);
    assertThat(hundred.grade(99.5, 60)).isEqualTo(Grade.NOT_MET);
    // 96/s: the rate was reached (≥ 95 %), but not the floor of 99/s
    assertThat(hundred.grade(96, 10)).isEqualTo(Grade.NOT_MET);
    assertThat(hundred.grade(90, 10)).isEqualTo(Grade.RATE_NOT_REACHED);
    assertThat(hundred.grade(Double.NaN, 10)).isEqualTo(Grade.NOT_MEASURED);
  }

  @Test
  void aThousandPerSecondAskedNeedsOnlyTheRate() {
    assertThat(thousand.grade(990, 4_000)).isEqualTo(Grade.MET);
    // a floor on the achieved rate alone grades that rate: 920/s meets "≥ 900/s"
    assertThat(thousand.grade(920, 10)).isEqualTo(Grade.MET);
    assertThat(thousand.grade(300, 10)).isEqualTo(Grade.NOT_MET);
  }

  @Test
  void aCellNotMeasuredIsATargetNotMeasured() {
    assertThat(hundred.target(null).grade()).isEqualTo(Grade.NOT_MEASURED);
  }
}
