package news.ticker.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where {@code ./ticker up} runs: where the build has embedded PostgreSQL binaries. */
class TickerPlatformTest {

  @Test
  void linuxOnX86_64RunsUnderEitherOfItsArchitectureNames() {
    assertThat(Platform.unsupported("Linux", "amd64")).isEmpty();
    assertThat(Platform.unsupported("Linux", "x86_64")).isEmpty();
  }

  @Test
  void everywhereElseOneLineNamesThePlatformAndPointsToDockerCompose() {
    for (String[] platform :
        new String[][] {
          {"Mac OS X", "aarch64"},
          {"Mac OS X", "x86_64"},
          {"Windows 11", "amd64"},
          {"Linux", "aarch64"}
        }) {
      assertThat(Platform.unsupported(platform[0], platform[1]))
          .hasValueSatisfying(
              message ->
                  assertThat(message)
                      .doesNotContain("\n")
                      .contains("Linux x86_64 only")
                      .contains(platform[0] + " " + platform[1])
                      .contains("docker compose up --build -d"));
    }
  }
}
