package news.ticker.devstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import news.ticker.devstack.process.ManagedProcess;
import news.ticker.devstack.process.ProcessControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SIGKILLed test JVM runs no shutdown hook; its servers must not outlive it for long. */
class OrphansTest {

  @TempDir Path directory;

  @Test
  void serversOfAKilledJvmAreStoppedByTheWatchdogAndTheSweeper() throws Exception {
    Path log = directory.resolve("orphan-maker.log");
    ManagedProcess jvm =
        ManagedProcess.builder("orphan-maker")
            .command(
                ManagedProcess.javaExecutable(),
                "-cp",
                System.getProperty("java.class.path"),
                OrphanMaker.class.getName())
            .logFile(log)
            .readiness(() -> pidsLine(log).isPresent())
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    String[] pids = pidsLine(log).orElseThrow().split(" ");
    long postgres = Long.parseLong(pids[1]);
    long kafka = Long.parseLong(pids[2]);
    Path postgresRoot = Path.of(pids[3]).getParent();

    jvm.kill();

    // The broker watches its parent JVM and stops with it.
    await().atMost(Duration.ofSeconds(60)).until(() -> !ProcessControl.isAlive(kafka));
    // PostgreSQL cannot watch anyone: the next test JVM's sweep stops it.
    assertThat(ProcessControl.isAlive(postgres)).isTrue();
    OwnedTempDirs.sweepOrphans();
    assertThat(ProcessControl.isAlive(postgres)).isFalse();
    assertThat(Files.exists(postgresRoot)).isFalse();
  }

  private static Optional<String> pidsLine(Path log) {
    return ProcessControl.tail(log, 50).stream().filter(l -> l.startsWith("PIDS ")).findFirst();
  }
}
