package news.ticker.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PromHistogramTest {

  static final String NAME = "ticker_timeline_publish_to_screen_seconds";

  static String scrape(double b1, double b2, double b3, double inf) {
    return "# HELP x\n# TYPE "
        + NAME
        + " histogram\n"
        + NAME
        + "_bucket{le=\"0.01\"} "
        + b1
        + "\n"
        + NAME
        + "_bucket{le=\"0.1\"} "
        + b2
        + "\n"
        + NAME
        + "_bucket{le=\"1.0\"} "
        + b3
        + "\n"
        + NAME
        + "_bucket{le=\"+Inf\"} "
        + inf
        + "\n"
        + NAME
        + "_count "
        + inf
        + "\n"
        + NAME
        + "_sum 12.5\n"
        + "other_bucket{le=\"0.01\"} 99.0\n";
  }

  @Test
  void parsesAndDiffs() {
    PromHistogram before = PromHistogram.parse(scrape(1, 2, 3, 3), NAME);
    PromHistogram after = PromHistogram.parse(scrape(11, 102, 103, 103), NAME);
    assertThat(before.buckets()).hasSize(4);
    PromHistogram d = after.minus(before);
    assertThat(d.total()).isEqualTo(100);
    // 10 in (0, 0.01], 90 in (0.01, 0.1]
    assertThat(d.quantile(0.05)).isCloseTo(0.005, within(1e-9));
    assertThat(d.quantile(0.5)).isCloseTo(0.01 + 0.09 * (40.0 / 90), within(1e-9));
    assertThat(d.quantile(1.0)).isCloseTo(0.1, within(1e-9));
    assertThat(d.cdf(1000)).hasSize(3);
  }

  @Test
  void emptyAndMissing() {
    assertThat(PromHistogram.parse("nothing here", NAME).isEmpty()).isTrue();
    assertThat(PromHistogram.parse("", NAME).quantile(0.5)).isNaN();
  }
}
