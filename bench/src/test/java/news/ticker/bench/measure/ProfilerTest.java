package news.ticker.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import news.ticker.bench.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

  @Test
  void aServiceWithoutPidIsNamedNotProfiledAndTheSettingsAreKeptBesideTheRecordings(
      @TempDir Path run) throws Exception {
    Profiler profiler = new Profiler(run);

    List<String> started = profiler.start(Map.of(), List.of("ingest"), "feed-reads");
    Profiles profiles = profiler.stop();

    assertThat(started).isEmpty();
    assertThat(profiles.services()).isEmpty();
    assertThat(profiles.notes()).containsExactly("ingest not profiled: it was not running.");
    assertThat(profiles.folder()).isEqualTo("profiles");
    assertThat(profiles.settings()).isEqualTo("profiles/ticker-bench.jfc");
    assertThat(Files.readString(run.resolve("profiles/ticker-bench.jfc")))
        .contains("jdk.ExecutionSample");
  }

  @Test
  void namesARecordingByScenarioThenService() {
    assertThat(Profiler.fileName("feed-reads", "ingest")).isEqualTo("feed-reads-ingest.jfr");
  }
}
