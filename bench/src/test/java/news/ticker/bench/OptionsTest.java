package news.ticker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsRunEveryScenarioInTheirOrder() {
    Options o = Options.parse(List.of());
    assertThat(o.scenarios())
        .containsExactly(
            Options.Scenario.PUBLISH_TO_SCREEN,
            Options.Scenario.WRITE_THROUGHPUT,
            Options.Scenario.FEED_READS,
            Options.Scenario.REAL_BLOG,
            Options.Scenario.ELECTION_NIGHT,
            Options.Scenario.REPLAY,
            Options.Scenario.COLD_START);
    assertThat(o.quick()).isFalse();
    assertThat(o.pace()).isNaN();
    assertThat(Settings.of(o).pace()).isEqualTo(1000);
    assertThat(Settings.of(Options.parse(List.of("--quick"))).pace()).isEqualTo(3000);
  }

  @Test
  void scenariosByNameOrNumberKeepTheRunOrder() {
    Options o = Options.parse(List.of("7", "replay", "1", "--quick", "feed-reads,real-blog"));
    assertThat(o.scenarios())
        .containsExactly(
            Options.Scenario.PUBLISH_TO_SCREEN,
            Options.Scenario.FEED_READS,
            Options.Scenario.REAL_BLOG,
            Options.Scenario.REPLAY,
            Options.Scenario.COLD_START);
    assertThat(Options.parse(List.of("cold-start")).scenarios())
        .containsExactly(Options.Scenario.COLD_START);
    assertThat(o.quick()).isTrue();
  }

  @Test
  void inputsAndOverrides() {
    Options o =
        Options.parse(
            List.of(
                "--input",
                "a.jsonl",
                "--input=b.jsonl",
                "--readers",
                "10,20",
                "--rates",
                "5",
                "--replay-events",
                "1_000",
                "--window",
                "3",
                "--pace",
                "50"));
    assertThat(o.inputs()).containsExactly(Path.of("a.jsonl"), Path.of("b.jsonl"));
    Settings s = Settings.of(o);
    assertThat(s.readers()).containsExactly(10, 20);
    assertThat(s.rates()).containsExactly(5);
    assertThat(s.replayEvents()).isEqualTo(1000);
    assertThat(s.pushWindow()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.pace()).isEqualTo(50);
  }

  @Test
  void quickIsSmallerThanFull() {
    Settings quick = Settings.quick();
    Settings full = Settings.full();
    assertThat(quick.readers()).doesNotContain(10_000);
    assertThat(full.readers()).contains(100, 1_000, 10_000);
    assertThat(quick.replayEvents()).isEqualTo(100_000);
    assertThat(full.replayEvents()).isEqualTo(1_000_000);
  }

  @Test
  void mistakesAreUsageErrors() {
    assertThatThrownBy(() -> Options.parse(List.of("nope")))
        .isInstanceOf(Options.UsageException.class);
    assertThatThrownBy(() -> Options.parse(List.of("--input")))
        .isInstanceOf(Options.UsageException.class);
    assertThatThrownBy(() -> Options.parse(List.of("--readers", "1.5")))
        .isInstanceOf(Options.UsageException.class);
    assertThatThrownBy(() -> Options.parse(List.of("--pace", "-1")))
        .isInstanceOf(Options.UsageException.class);
    assertThatThrownBy(() -> Options.parse(List.of("--frobnicate")))
        .isInstanceOf(Options.UsageException.class);
    assertThatThrownBy(() -> Options.parse(List.of("--help")))
        .isInstanceOf(Options.HelpRequested.class);
  }
}
