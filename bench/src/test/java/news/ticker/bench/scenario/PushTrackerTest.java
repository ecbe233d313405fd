package news.ticker.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushTrackerTest {

  @Test
  void latencyLostDuplicatesAndEarlyFrames() {
    PushTracker t = new PushTracker(3, 10, 8);
    t.written(11, 1_000_000);
    t.written(12, 2_000_000);
    t.written(13, 3_000_000);
    // reader 0 gets everything, 1 misses 12, 2 never connected
    t.frame(0, "update-posted", "11", 100, 6_000_000);
    t.frame(0, "update-posted", "12", 100, 7_000_000);
    t.frame(0, "update-posted", "13", 100, 8_000_000);
    t.frame(0, "update-posted", "13", 100, 9_000_000); // duplicate
    t.frame(1, "update-posted", "11", 100, 11_000_000);
    t.frame(1, "update-posted", "13", 100, 13_000_000);
    t.frame(1, "update-posted", "10", 100, 13_000_000); // before the cell
    t.frame(1, "update-posted", "99", 100, 13_000_000); // beyond its capacity
    t.frame(1, "update-posted", "14", 100, 14_000_000); // before its write returned
    t.written(14, 15_000_000);
    t.settle();
    assertThat(t.frames()).isEqualTo(6);
    assertThat(t.duplicates()).isEqualTo(1);
    assertThat(t.older()).isEqualTo(1);
    assertThat(t.beyond()).isEqualTo(1);
    assertThat(t.early()).isEqualTo(1);
    assertThat(t.writtenCount()).isEqualTo(4);
    // reader 0 misses 14, reader 1 misses 12
    assertThat(t.lost(r -> r < 2)).isEqualTo(2);
    assertThat(t.lostExamples(r -> r < 2, 10))
        .containsExactly(new long[] {0, 14}, new long[] {1, 12});
    assertThat(t.lostExamples(r -> r < 2, 1)).hasSize(1);
    assertThat(t.dueNanos(12)).isEqualTo(2_000_000);
    assertThat(t.dueNanos(99)).isZero();
    var h = t.latencies().total();
    assertThat(h.getTotalCount()).isEqualTo(6);
    assertThat(h.getMaxValue()).isBetween(9_900L, 10_100L); // 11 ms - 1 ms, in µs
    assertThat(h.getMinValue()).isEqualTo(0); // the early frame counts as 0
    assertThat(t.meanFrameBytes()).isEqualTo(100.0);
  }

  @Test
  void framesCountInTheSecondTheirWriteWasDue() {
    long origin = 5_000_000_000L;
    PushTracker t = new PushTracker(1, 0, 4, origin, 2);
    t.written(1, origin + 100_000_000L); // due in second 0
    t.written(2, origin + 1_500_000_000L); // due in second 1
    t.written(3, origin + 4_000_000_000L); // due after the last window: counts in the last
    t.frame(0, "update-posted", "1", 10, origin + 300_000_000L); // 200 ms
    t.frame(0, "update-posted", "2", 10, origin + 1_510_000_000L); // 10 ms
    t.frame(0, "update-posted", "3", 10, origin + 4_002_000_000L); // 2 ms
    var bySecond = t.bySecond();
    assertThat(bySecond).hasSize(2);
    assertThat(bySecond.get(0).getTotalCount()).isEqualTo(1);
    assertThat(bySecond.get(0).getMaxValue()).isBetween(199_000L, 201_000L);
    assertThat(bySecond.get(1).getTotalCount()).isEqualTo(2);
    assertThat(bySecond.get(1).getMaxValue()).isBetween(9_990L, 10_010L);
    assertThat(new PushTracker(1, 0, 4).bySecond()).isEmpty();
  }
}
