package news.ticker.devstack.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, decided fast and without hanging. Testcontainers' own check
 * tries several strategies and can take long when there is no engine, so it is asked only when
 * there is a hint of one (a {@code DOCKER_HOST}, a Docker socket, a Testcontainers configuration
 * file), and then under a timeout. A {@code docker} CLI alone is no hint: our machines have the
 * client but no engine.
 */
public final class DockerProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static volatile Boolean available;

  private DockerProbe() {}

  /** Cached for the life of the JVM. */
  public static boolean isDockerAvailable() {
    Boolean known = available;
    if (known == null) {
      known =
          hasEngineHint(System.getenv(), Path.of(System.getProperty("user.home")), Files::exists)
              && askTestcontainers();
      available = known;
    }
    return known;
  }

  /** Pure: whether the environment points at a Docker engine at all. */
  static boolean hasEngineHint(Map<String, String> env, Path home, Predicate<Path> exists) {
    String dockerHost = env.get("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      return true;
    }
    List<Path> candidates =
        List.of(
            Path.of("/var/run/docker.sock"),
            home.resolve(".docker/run/docker.sock"),
            home.resolve(".docker/desktop/docker.sock"),
            home.resolve(".testcontainers.properties"));
    String runtimeDir = env.get("XDG_RUNTIME_DIR");
    if (runtimeDir != null
        && !runtimeDir.isBlank()
        && exists.test(Path.of(runtimeDir, "docker.sock"))) {
      return true;
    }
    return candidates.stream().anyMatch(exists);
  }

  private static boolean askTestcontainers() {
    CompletableFuture<Boolean> answer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return DockerClientFactory.instance().isDockerAvailable();
              } catch (Throwable e) {
                return false;
              }
            },
            runnable -> {
              Thread thread = new Thread(runnable, "docker-probe");
              thread.setDaemon(true); // an engine that never answers must not keep the JVM alive
              thread.start();
            });
    try {
      return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
