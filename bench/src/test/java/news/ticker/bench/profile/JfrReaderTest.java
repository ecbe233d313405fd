package news.ticker.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import news.ticker.bench.measure.Profiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records this JVM with the bench's own settings and reads the recording back. */
class JfrReaderTest {

  private static Configuration settings() throws Exception {
    try (Reader r =
        new InputStreamReader(
            Profiler.class.getResourceAsStream(Profiler.SETTINGS_RESOURCE),
            StandardCharsets.UTF_8)) {
      return Configuration.create(r);
    }
  }

  @Test
  void theSettingsFileEnablesTheEventsWithTheirThresholds() throws Exception {
    var s = settings().getSettings();

    assertThat(s)
        .containsEntry("jdk.ExecutionSample#enabled", "true")
        .containsEntry("jdk.ExecutionSample#period", "10 ms")
        .containsEntry("jdk.NativeMethodSample#period", "20 ms")
        .containsEntry("jdk.ThreadPark#threshold", "1 ms")
        .containsEntry("jdk.JavaMonitorEnter#threshold", "1 ms")
        .containsEntry("jdk.JavaMonitorWait#threshold", "1 ms")
        .containsEntry("jdk.SocketRead#threshold", "1 ms")
        .containsEntry("jdk.SocketWrite#threshold", "1 ms")
        .containsEntry("jdk.FileRead#threshold", "1 ms")
        .containsEntry("jdk.FileWrite#threshold", "1 ms")
        .containsEntry("jdk.GCPhasePause#enabled", "true")
        .containsEntry("jdk.GarbageCollection#enabled", "true")
        .containsEntry("jdk.ThreadPark#stackTrace", "true");
  }

  /** Parks for 5 ms: the behaviour recorded, not a synchronisation. */
  private static void parkFiveMillis() {
    LockSupport.parkNanos(5_000_000);
  }

  @Test
  void readsAParkOverTheThresholdWithTheStackThatParked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("park.jfr");
    try (Recording recording = new Recording(settings())) {
      recording.start();
      for (int i = 0; i < 3; i++) {
        parkFiveMillis();
      }
      recording.stop();
      recording.dump(file);
    }
    ProfileAggregator aggregator = new ProfileAggregator();

    JfrReader.read(file, aggregator);
    ServiceProfile p = aggregator.profile("s", "test", "park.jfr", List.of());

    ServiceProfile.Total parks =
        p.waits().byType().stream().filter(t -> t.type().equals("ThreadPark")).findFirst().get();
    assertThat(parks.count()).isGreaterThanOrEqualTo(1);
    assertThat(p.waits().topStacks())
        .anySatisfy(
            r -> {
              assertThat(r.key().kind()).isEqualTo("ThreadPark");
              // Unsafe.park and LockSupport.parkNanos are left out: the stack starts with who
              // parked.
              assertThat(r.key().frames().get(0))
                  .isEqualTo(JfrReaderTest.class.getName() + ".parkFiveMillis");
            });
  }
}
