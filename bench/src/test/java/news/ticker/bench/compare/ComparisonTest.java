package news.ticker.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

  @TempDir Path dir;

  private static FigureComparison figure(Comparison c, String scenario, String key) {
    return c.figures().stream()
        .filter(f -> f.scenario().equals(scenario) && f.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void figuresMatchByScenarioAndKeyWithChangesAndVerdicts() throws Exception {
    RunResults a =
        RunFixture.run("full")
            .figure("write", "rate", 200, "/s", 1000, "higher")
            .figure("write", "p99Ms", 100, "ms", 20, "lower")
            .figure("feed", "rate", 5000, "/s", 10000, "higher")
            .read(dir, "A");
    RunResults b =
        RunFixture.run("full")
            .figure("write", "rate", 300, "/s", 1000, "higher")
            .figure("write", "p99Ms", 102, "ms", 20, "lower")
            .figure("feed", "rate", 4000, "/s", 10000, "higher")
            .read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(c.warnings()).isEmpty();
    assertThat(c.ratiosOnly()).isFalse();
    assertThat(c.figures())
        .extracting(f -> f.scenario() + "/" + f.key())
        .containsExactly("write/rate", "write/p99Ms", "feed/rate");

    FigureComparison rate = figure(c, "write", "rate");
    assertThat(rate.a().ratio()).isCloseTo(0.2, within(1e-9));
    assertThat(rate.b().ratio()).isCloseTo(0.3, within(1e-9));
    assertThat(rate.valueChange()).isCloseTo(1.5, within(1e-9));
    assertThat(rate.ratioChange()).isCloseTo(1.5, within(1e-9));
    assertThat(rate.judgedBy()).isEqualTo("value");
    assertThat(rate.verdict()).isEqualTo(Verdict.BETTER);

    assertThat(figure(c, "write", "p99Ms").verdict()).isEqualTo(Verdict.SAME);
    // Same key in another scenario: matched separately, and 20 % fewer reads is worse.
    assertThat(figure(c, "feed", "rate").verdict()).isEqualTo(Verdict.WORSE);
    assertThat(figure(c, "feed", "rate").valueChange()).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void figuresInOnlyOneRunAreListedAsSuch() throws Exception {
    RunResults a =
        RunFixture.run("full")
            .figure("write", "rate", 200, "/s", 1000, "higher")
            .figure("write", "gone", 1, "", Double.NaN, "neither")
            .read(dir, "A");
    RunResults b =
        RunFixture.run("full")
            .figure("write", "rate", 200, "/s", 1000, "higher")
            .figure("write", "new", 7, "ms", 5, "lower")
            .figure("replay", "eventsPerSecond", 900, "/s", 30000, "higher")
            .read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(c.figures())
        .extracting(f -> f.scenario() + "/" + f.key() + " " + f.verdict())
        .containsExactly(
            "write/rate SAME",
            "write/gone ONLY_A",
            "write/new ONLY_B",
            "replay/eventsPerSecond ONLY_B");
    FigureComparison gone = figure(c, "write", "gone");
    assertThat(gone.b()).isNull();
    assertThat(gone.valueChange()).isNaN();
    assertThat(figure(c, "write", "new").a()).isNull();
  }

  @Test
  void aRatioMissingFromTheFileIsComputedFromTheLimit() throws Exception {
    RunFixture fa = RunFixture.run("full").figure("s", "rate", 50, "/s", 100, "higher");
    ((com.fasterxml.jackson.databind.node.ObjectNode) fa.scenario("s").path("figures").get(0))
        .remove("ratio");
    RunResults a = fa.read(dir, "A");
    RunResults b =
        RunFixture.run("full").figure("s", "rate", 50, "/s", 100, "higher").read(dir, "B");

    assertThat(figure(Comparison.of(a, b), "s", "rate").a().ratio()).isEqualTo(0.5);
  }

  @Test
  void aModeMismatchWarnsAndJudgesTheRatios() throws Exception {
    // B's value doubled, but so did its limit: its share of the limit is the same.
    RunResults a =
        RunFixture.run("quick")
            .figure("write", "rate", 100, "/s", 1000, "higher")
            .figure("write", "count", 10, "", Double.NaN, "higher")
            .read(dir, "A-quick");
    RunResults b =
        RunFixture.run("full")
            .figure("write", "rate", 200, "/s", 2000, "higher")
            .figure("write", "count", 20, "", Double.NaN, "higher")
            .read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(c.ratiosOnly()).isTrue();
    assertThat(c.warnings()).hasSize(1);
    assertThat(c.warnings().get(0)).contains("differ in mode", "quick", "full", "ratios");
    FigureComparison rate = figure(c, "write", "rate");
    assertThat(rate.valueChange()).isCloseTo(2.0, within(1e-9));
    assertThat(rate.judgedBy()).isEqualTo("ratio");
    assertThat(rate.verdict()).isEqualTo(Verdict.SAME);
    assertThat(figure(c, "write", "count").verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
  }

  @Test
  void aMachineMismatchWarnsToo() throws Exception {
    RunResults a = RunFixture.run("full").read(dir, "A");
    RunResults b = RunFixture.run("full").cpu(8, "Apple M2").read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(c.ratiosOnly()).isTrue();
    assertThat(c.warnings())
        .singleElement()
        .asString()
        .contains("different machines", "2 × AMD EPYC", "8 × Apple M2");
  }

  @Test
  void anOldRunIsSaidInOneLineAndOnlyItsTargetsCompare() throws Exception {
    RunResults a =
        RunFixture.old("full")
            .target("write", "accepted writes per second", "173/s", "not met")
            .target("push", "10,000 readers", "not run", "not measured")
            .target("blog", "feed matches", "14 of 14", "met")
            .read(dir, "20261128T032205Z");
    RunResults b =
        RunFixture.run("full")
            .figure("write", "rate", 2100, "/s", 3000, "higher")
            .target("write", "accepted writes per second", "2,100/s", "met")
            .target("push", "10,000 readers", "10,000 connected", "met")
            .target("blog", "feed matches", "14 of 14", "met")
            .target("write", "writes at 1,000/s", "640/s", "rate not reached")
            .read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(a.hasFigures()).isFalse();
    assertThat(c.figuresCompared()).isFalse();
    assertThat(c.figures()).isEmpty();
    assertThat(c.notes())
        .singleElement()
        .asString()
        .contains("Run A (20261128T032205Z) has no named figures");
    assertThat(c.targets())
        .extracting(
            t ->
                t.scenario()
                    + ": "
                    + (t.a() == null ? "-" : t.a().grade())
                    + " / "
                    + (t.b() == null ? "-" : t.b().grade())
                    + " "
                    + t.change())
        .containsExactly(
            "write: not met / met now met",
            "write: - / rate not reached ",
            "push: not measured / met now met",
            "blog: met / met ");
  }

  @Test
  void gradeChangesAreNamed() throws Exception {
    RunResults a =
        RunFixture.run("full")
            .target("s", "t1", "x", "met")
            .target("s", "t2", "x", "not met")
            .target("s", "t3", "x", "met")
            .read(dir, "A");
    RunResults b =
        RunFixture.run("full")
            .target("s", "t1", "x", "not met")
            .target("s", "t2", "x", "rate not reached")
            .read(dir, "B");

    List<TargetComparison> t = Comparison.of(a, b).targets();

    assertThat(t)
        .extracting(TargetComparison::change)
        .containsExactly("no longer met", "not met → rate not reached", "");
    assertThat(t.get(2).b()).isNull();
  }

  @Test
  void headersShowWhatElseDiffered() throws Exception {
    RunResults a = RunFixture.run("full").commit("aaaaaaaaaaaaaaaa").read(dir, "A");
    RunResults b =
        RunFixture.run("full")
            .commit("bbbbbbbbbbbbbbbb")
            .ingestJvm("-Xmx1g -XX:+UseParallelGC")
            .read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(c.headers())
        .filteredOn(Headers.Row::differs)
        .extracting(Headers.Row::what)
        .containsExactly("run", "commit", "ingest");
    assertThat(c.headers()).extracting(Headers.Row::what).doesNotContain("setting writeClients");
    assertThat(c.notes()).singleElement().asString().contains("JVM of ingest differs");
  }

  @Test
  void theHeapAndCollectorAsRunAreInTheHeader() throws Exception {
    RunResults a = RunFixture.run("full").ingestHeap("G1, heap 32 MiB..512 MiB").read(dir, "A");
    RunResults b = RunFixture.run("full").read(dir, "B");

    Headers.Row ingest =
        Comparison.of(a, b).headers().stream()
            .filter(r -> r.what().equals("ingest"))
            .findFirst()
            .orElseThrow();

    assertThat(ingest.a()).isEqualTo("17.0.15, G1, heap 32 MiB..512 MiB, -Xmx512m");
    assertThat(ingest.b()).isEqualTo("17.0.15, -Xmx512m");
  }

  @Test
  void aNearlyEmptyResultsFileComparesWithoutFailing() throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
    java.nio.file.Files.writeString(empty.resolve("results.json"), "{}");
    RunResults a = RunResults.read(empty.resolve("results.json"));
    RunResults b = RunFixture.run("full").figure("s", "r", 1, "/s", 2, "higher").read(dir, "B");

    Comparison c = Comparison.of(a, b);

    assertThat(c.figures()).extracting(FigureComparison::verdict).containsExactly(Verdict.ONLY_B);
    assertThat(c.warnings()).hasSize(2); // mode "unknown" and CPU "0 × ?" differ from B's
    assertThat(CompareMarkdown.render(c)).contains("| label of r");
  }
}
