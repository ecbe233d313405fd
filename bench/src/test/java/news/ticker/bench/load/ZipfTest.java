package news.ticker.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZipfTest {

  @Test
  void weightsFollowOneOverKToTheSAndAddUpToOne() {
    Zipf z = new Zipf(100, 1.1);
    double sum = 0;
    for (int k = 0; k < 100; k++) {
      sum += z.weight(k);
      if (k > 0) {
        assertThat(z.weight(k)).isLessThan(z.weight(k - 1));
      }
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    assertThat(z.weight(0) / z.weight(1)).isCloseTo(Math.pow(2, 1.1), within(1e-9));
    assertThat(z.weight(9) / z.weight(99)).isCloseTo(Math.pow(10, 1.1), within(1e-9));
  }

  @Test
  void spreadGivesWholeNumbersThatAddUpToTheTotalAndFollowTheWeights() {
    Zipf z = new Zipf(100, 1.1);
    for (int total : new int[] {0, 1, 99, 500, 5_000, 12_345}) {
      int[] counts = z.spread(total);
      assertThat(Arrays.stream(counts).sum()).as("total %d", total).isEqualTo(total);
      for (int k = 0; k < 100; k++) {
        assertThat((double) counts[k])
            .as("rank %d of %d", k, total)
            .isCloseTo(z.weight(k) * total, within(1.0));
      }
    }
    int[] readers = z.spread(5_000);
    assertThat(readers[0]).isGreaterThan(readers[1]).isGreaterThan(readers[99]);
    assertThat(readers[99]).isPositive();
  }

  @Test
  void theSamplerDrawsRanksByWeightAndTheSameSeedRepeats() {
    Zipf z = new Zipf(100, 1.1);
    Zipf.Sampler a = z.sampler(42);
    Zipf.Sampler b = z.sampler(42);
    int[] hits = new int[100];
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      int k = a.next();
      assertThat(b.next()).isEqualTo(k);
      hits[k]++;
    }
    assertThat(hits[0] / (double) draws).isCloseTo(z.weight(0), within(0.005));
    assertThat(hits[9] / (double) draws).isCloseTo(z.weight(9), within(0.002));
    assertThat(hits[99]).isPositive();
  }

  @Test
  void sEqualToZeroIsUniform() {
    Zipf z = new Zipf(4, 0);
    assertThat(z.spread(8)).containsExactly(2, 2, 2, 2);
  }
}
