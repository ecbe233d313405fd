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
  void followsARestartedServiceToItsNewJvm(@TempDir Path run) throws Exception {
    long self = ProcessHandle.current().pid(); // this test's JVM stands for the service
    Profiler profiler = new Profiler(run);
    assertThat(profiler.start(Map.of("timeline", self), List.of("timeline"), "replay"))
        .containsExactly("timeline");

    assertThat(profiler.follow(Map.of("timeline", self))).isEmpty(); // same JVM: nothing to do
    assertThat(profiler.follow(Map.of())).isEmpty(); // not running: nothing to follow
    Process other = new ProcessBuilder("sleep", "60").start(); // a new pid, but not a JVM
    try {
      assertThat(profiler.follow(Map.of("timeline", other.pid()))).isEmpty();
    } finally {
      other.destroy();
    }
    Profiles profiles = profiler.stop();

    assertThat(profiles.services()).hasSize(1);
    assertThat(profiles.notes())
        .anyMatch(n -> n.startsWith("timeline (restarted) not profiled: jcmd JFR.start failed"));
  }

  @Test
  void namesARecordingByScenarioThenService() {
    assertThat(Profiler.fileName("feed-reads", "ingest")).isEqualTo("feed-reads-ingest.jfr");
  }
}
