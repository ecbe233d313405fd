package news.ticker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import news.ticker.bench.profile.ProfileAggregator;
import news.ticker.bench.profile.Profiles;
import org.junit.jupiter.api.Test;

class ProfileReportTest {

  private static Profiles profiles() {
    ProfileAggregator a = new ProfileAggregator();
    List<String> stack =
        List.of("java.util.Objects.equals", "java.util.HashMap.getNode", "news.ticker.X.y");
    a.executionSample(stack);
    a.executionSample(stack);
    a.executionSample(List.of("java.lang.String.hashCode", "news.ticker.X.z"));
    a.await("JavaMonitorEnter", List.of("news.ticker.Outbox.append"), 3_000_000);
    a.gcPause(2_000_000);
    return new Profiles(
        "profiles",
        "profiles/ticker-bench.jfc",
        List.of(a.profile("feed-reads", "ingest", "profiles/feed-reads-ingest.jfr", List.of())),
        List.of("timeline not profiled: it was not running."));
  }

  @Test
  void rendersTheHottestStacksWithTheirCallers() {
    ScenarioReport report = new ScenarioReport("feed-reads", "Feed reads", "");

    ProfileReport.add(report, profiles());

    ScenarioReport.Table stacks =
        report.tables().stream()
            .filter(t -> t.title().startsWith("ingest: hottest stacks"))
            .findFirst()
            .orElseThrow();
    assertThat(stacks.rows().get(0))
        .containsExactly("66.7 %", "`Objects.equals ← HashMap.getNode ← X.y`");
    assertThat(report.tables())
        .anySatisfy(t -> assertThat(t.title()).startsWith("ingest: longest waits by stack"));
    assertThat(report.notes())
        .anySatisfy(n -> assertThat(n).contains("timeline not profiled"))
        .anySatisfy(n -> assertThat(n).contains("profiles/"));
  }

  @Test
  void writesLongWaitsInSecondsAndShortOnesInMilliseconds() {
    assertThat(ProfileReport.duration(3_000_000)).isEqualTo("3.00 ms");
    assertThat(ProfileReport.duration(90_000_000_000L)).isEqualTo("90.0 s");
  }

  @Test
  void putsTheProfilesInTheScenariosJson() {
    ScenarioReport report = new ScenarioReport("feed-reads", "Feed reads", "");

    ProfileReport.add(report, profiles());

    JsonNode ingest = report.json().path("profiles").path("services").get(0);
    assertThat(ingest.path("file").asText()).isEqualTo("profiles/feed-reads-ingest.jfr");
    assertThat(ingest.path("cpu").path("topStacks").get(0).path("frames").get(1).asText())
        .isEqualTo("java.util.HashMap.getNode");
    assertThat(ingest.path("waits").path("topStacks").get(0).path("event").asText())
        .isEqualTo("JavaMonitorEnter");
    assertThat(ingest.path("gc").path("p99Ms").asDouble()).isEqualTo(2.0);
  }
}
