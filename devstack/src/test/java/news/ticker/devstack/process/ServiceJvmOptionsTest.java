package news.ticker.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmOptionsTest {

  @TempDir Path directory;

  @Test
  void aServiceRunsWithTheOptionsOfItsModulesJvmOptionsFile() throws Exception {
    Path module = directory.resolve("timeline-service");
    Files.createDirectories(module.resolve("src/main/docker"));
    Files.writeString(
        module.resolve("src/main/docker/jvm.options"), "-Xms1g  -Xmx1g -XX:+UseG1GC\n");
    Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");

    assertThat(ServiceProcess.jvmOptionsOf(jar))
        .containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
  }

  @Test
  void withoutAFileItGetsAHalfGigabyteHeap() {
    Path jar = directory.resolve("other/target/quarkus-app/quarkus-run.jar");

    assertThat(ServiceProcess.jvmOptionsOf(jar)).containsExactly("-Xmx512m");
  }

  @Test
  void theRepositorysServicesEachHaveOne() {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    for (String service : new String[] {"ingest-service", "timeline-service", "analysis-service"}) {
      assertThat(
              ServiceProcess.jvmOptionsOf(
                  root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar")))
          .as(service)
          .contains("-XX:+UseG1GC")
          .anyMatch(option -> option.startsWith("-Xmx"));
    }
  }
}
