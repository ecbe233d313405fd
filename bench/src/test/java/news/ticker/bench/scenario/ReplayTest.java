package news.ticker.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayTest {

  @Test
  void onlyARebuildThatStillRunsOrIsUnknownNeedsTheTimelineRestarted() {
    assertThat(Replay.isEnded("switched")).isTrue();
    assertThat(Replay.isEnded("failed")).isTrue();
    assertThat(Replay.isEnded("running")).isFalse();
    assertThat(Replay.isEnded("RUNNING")).isFalse();
    assertThat(Replay.isEnded("pending")).isFalse();
    // a status that could not be read may still be running: restart rather than leave it
    assertThat(Replay.isEnded("unknown")).isFalse();
  }

  @Test
  void theLoadBesideTheRebuildRunsThirtySecondsOrFiveInTheQuickRun() {
    assertThat(Replay.duringWindow(false)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Replay.duringWindow(true)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void offsetsOfAStatusResourceAreSummedOverTopicsAndPartitions() throws Exception {
    var json = Api.JSON.readTree("{\"a\":{\"0\":5,\"1\":7},\"b\":{\"0\":1}}");
    assertThat(Replay.sumOffsets(json)).isEqualTo(13);
    assertThat(Replay.sumOffsets(null)).isZero();
  }

  @Test
  void aRunningRebuildWhoseHeartbeatIsOlderThanTheTimeoutIsNoLongerRunning() throws Exception {
    var now = java.time.Instant.parse("2026-12-04T18:00:00Z");
    var stale =
        Api.JSON.readTree("{\"status\":\"running\",\"heartbeatAt\":\"2026-12-04T17:59:00Z\"}");
    var fresh =
        Api.JSON.readTree("{\"status\":\"running\",\"heartbeatAt\":\"2026-12-04T17:59:50Z\"}");
    var none = Api.JSON.readTree("{\"status\":\"running\"}");
    assertThat(Replay.heartbeatStopped(stale, now)).isTrue();
    assertThat(Replay.heartbeatStopped(fresh, now)).isFalse();
    assertThat(Replay.heartbeatStopped(none, now)).isFalse();
  }
}
