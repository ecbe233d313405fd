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
    var h = t.latencies().total();
    assertThat(h.getTotalCount()).isEqualTo(6);
    assertThat(h.getMaxValue()).isBetween(9_900L, 10_100L); // 11 ms - 1 ms, in µs
    assertThat(h.getMinValue()).isEqualTo(0); // the early frame counts as 0
    assertThat(t.meanFrameBytes()).isEqualTo(100.0);
  }
}
