package news.ticker.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

  @TempDir Path directory;

  @Test
  void aProcessThatDiesBeforeItIsReadyReportsCodeAndLog() {
    ManagedProcess process =
        ManagedProcess.builder("broken")
            .command("sh", "-c", "echo 'config key missing'; exit 3")
            .logFile(directory.resolve("broken.log"))
            .readiness(() -> false)
            .startupTimeout(Duration.ofSeconds(20))
            .build();

    assertThatThrownBy(process::start)
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("broken failed to start")
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining(directory.resolve("broken.log").toString())
        .hasMessageContaining("config key missing");
  }

  @Test
  void notReadyInTimeIsKilledAndReported() {
    ManagedProcess process =
        ManagedProcess.builder("slow")
            .command("sleep", "60")
            .logFile(directory.resolve("slow.log"))
            .readiness(() -> false)
            .startupTimeout(Duration.ofMillis(500))
            .build();

    assertThatThrownBy(process::start).hasMessageContaining("not ready after");
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void killIsSigkillStopIsGracefulAndBothCanBeRestarted() throws Exception {
    Path marker = directory.resolve("ready");
    // Writes a marker when up; on SIGTERM writes "graceful" to the log and exits 0.
    String script =
        "trap 'echo graceful; exit 0' TERM; touch " + marker + "; while true; do sleep 0.1; done";
    ManagedProcess process =
        ManagedProcess.builder("looper")
            .command("sh", "-c", script)
            .logFile(directory.resolve("looper.log"))
            .readiness(() -> Files.exists(marker))
            .stopTimeout(Duration.ofSeconds(10))
            .build()
            .start();
    long firstPid = process.pid();

    process.kill();
    assertThat(process.isAlive()).isFalse();
    assertThat(process.exitCode()).hasValue(128 + 9);

    Files.delete(marker);
    process.start();
    assertThat(process.pid()).isNotEqualTo(firstPid);
    assertThat(process.stop()).isTrue();
    assertThat(process.exitCode()).hasValue(0);
    assertThat(Files.readString(directory.resolve("looper.log"))).contains("graceful");
  }

  @Test
  void tailReturnsTheLastLinesOfAFile() throws Exception {
    Path log = directory.resolve("tail.log");
    Files.writeString(log, "one\ntwo\nthree\nfour\n");

    assertThat(ProcessControl.tail(log, 2)).containsExactly("three", "four");
    assertThat(ProcessControl.tail(directory.resolve("missing.log"), 2)).isEmpty();
  }
}
