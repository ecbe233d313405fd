package news.ticker.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BackendChoiceTest {

  private static final String VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";

  private final AtomicInteger probes = new AtomicInteger();

  private BooleanSupplier docker(boolean answer) {
    return () -> {
      probes.incrementAndGet();
      return answer;
    };
  }

  @Test
  void externalVariableWinsWithoutAskingDocker() {
    Backend backend = BackendChoice.choose(Map.of(VARIABLE, "broker:9092"), VARIABLE, docker(true));

    assertThat(backend).isEqualTo(Backend.EXTERNAL);
    assertThat(probes).hasValue(0);
  }

  @Test
  void externalVariableWinsOverForcedBackend() {
    Map<String, String> env = Map.of(VARIABLE, "broker:9092", "TICKER_TEST_BACKEND", "embedded");

    assertThat(BackendChoice.choose(env, VARIABLE, docker(true))).isEqualTo(Backend.EXTERNAL);
  }

  @Test
  void blankExternalVariableCountsAsUnset() {
    assertThat(BackendChoice.choose(Map.of(VARIABLE, "  "), VARIABLE, docker(false)))
        .isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void dockerWhenAnEngineAnswers() {
    assertThat(BackendChoice.choose(Map.of(), VARIABLE, docker(true)))
        .isEqualTo(Backend.TESTCONTAINERS);
    assertThat(probes).hasValue(1);
  }

  @Test
  void embeddedWithoutEngine() {
    assertThat(BackendChoice.choose(Map.of(), VARIABLE, docker(false))).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void forcedBackendSkipsTheDockerProbe() {
    assertThat(
            BackendChoice.choose(Map.of("TICKER_TEST_BACKEND", "Embedded"), VARIABLE, docker(true)))
        .isEqualTo(Backend.EMBEDDED);
    assertThat(
            BackendChoice.choose(
                Map.of("TICKER_TEST_BACKEND", "testcontainers"), VARIABLE, docker(false)))
        .isEqualTo(Backend.TESTCONTAINERS);
    assertThat(probes).hasValue(0);
  }

  @Test
  void unknownForcedBackendIsAnError() {
    assertThatThrownBy(
            () ->
                BackendChoice.choose(
                    Map.of("TICKER_TEST_BACKEND", "podman"), VARIABLE, docker(false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TICKER_TEST_BACKEND")
        .hasMessageContaining("podman");
  }

  @Test
  void dockerHintsNeedAnEngineEndpointNotJustTheCli() {
    Path home = Path.of("/home/dev");

    assertThat(DockerProbe.hasEngineHint(Map.of(), home, path -> false)).isFalse();
    assertThat(DockerProbe.hasEngineHint(Map.of("DOCKER_HOST", "tcp://h:2375"), home, p -> false))
        .isTrue();
    assertThat(
            DockerProbe.hasEngineHint(
                Map.of(), home, Set.of(Path.of("/var/run/docker.sock"))::contains))
        .isTrue();
    assertThat(
            DockerProbe.hasEngineHint(
                Map.of("XDG_RUNTIME_DIR", "/run/user/1000"),
                home,
                Set.of(Path.of("/run/user/1000/docker.sock"))::contains))
        .isTrue();
    assertThat(
            DockerProbe.hasEngineHint(
                Map.of(), home, Set.of(home.resolve(".testcontainers.properties"))::contains))
        .isTrue();
  }

  @Test
  void dockerProbeAnswersFastAndNeverHangs() {
    boolean hint =
        DockerProbe.hasEngineHint(
            System.getenv(), Path.of(System.getProperty("user.home")), Files::exists);
    long start = System.nanoTime();
    boolean available = DockerProbe.isDockerAvailable();
    long millis = (System.nanoTime() - start) / 1_000_000;

    if (hint) {
      assertThat(millis).isLessThan(20_000); // bounded by the probe's 15 s guard
    } else {
      // Our machines: the docker CLI is installed, no engine. No hint, so no probe at all.
      assertThat(available).isFalse();
      assertThat(millis).isLessThan(1_000);
    }
  }
}
