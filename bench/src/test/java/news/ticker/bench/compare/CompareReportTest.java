package news.ticker.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareReportTest {

  @TempDir Path base;

  private Path results() {
    return base.resolve("bench/results");
  }

  private void twoRuns() throws Exception {
    RunFixture.run("full")
        .figure("write", "rate", 200, "/s", 1000, "higher")
        .figure("write", "p99Ms", 250, "ms", 20, "lower")
        .figure("write", "old", 1, "", Double.NaN, "neither")
        .target("write", "writes per second", "200/s", "not met")
        .write(results(), "20261201T100000Z");
    RunFixture.run("full")
        .figure("write", "rate", 2400, "/s", 3000, "higher")
        .figure("write", "p99Ms", 250, "ms", 20, "lower")
        .target("write", "writes per second", "2,400/s", "met")
        .write(results(), "20261202T100000Z");
  }

  /** The markdown table rows (lines starting with '|') whose first cell starts with a label. */
  private static List<List<String>> rows(String md, String firstCellPrefix) {
    return md.lines()
        .filter(l -> l.startsWith("| " + firstCellPrefix))
        .map(l -> Arrays.stream(l.substring(2, l.length() - 2).split(" \\| ")).toList())
        .toList();
  }

  @Test
  void writesTheReportAndTheJsonUnderTheResults() throws Exception {
    twoRuns();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        CompareReport.run(
            List.of("20261201T100000Z", "20261202T100000Z"),
            base,
            results(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    Path dir = results().resolve("compare-20261201T100000Z-vs-20261202T100000Z");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("bench/results/compare-20261201T100000Z-vs-20261202T100000Z/report.md")
        .contains("Targets met: A 0 of 1, B 1 of 1");
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md).contains("# Ticker bench: 20261202T100000Z against 20261201T100000Z");
    assertThat(md).doesNotContain("**Warning**");

    List<List<String>> figures = rows(md, "label of ");
    assertThat(figures).hasSize(3);
    assertThat(figures.get(0))
        .containsExactly(
            "label of rate (limit: bare rate)",
            "200/s",
            "1,000/s",
            "0.20",
            "2,400/s",
            "3,000/s",
            "0.80",
            "12×",
            "4×",
            "**better**");
    assertThat(figures.get(1)).endsWith("1×", "1×", "same");
    assertThat(figures.get(1).get(1)).isEqualTo("250 ms");
    assertThat(figures.get(2))
        .containsExactly(
            "label of old", "1", "none", "n/a", "—", "—", "—", "n/a", "n/a", "only in A");
    assertThat(md).contains("| figure | A | A limit | A ratio | B | B limit | B ratio | B ÷ A |");
    assertThat(md).contains("### Title write");
    assertThat(rows(md, "write | writes per second"))
        .singleElement()
        .asList()
        .contains("not met", "met", "**now met**");
    assertThat(md).contains("1 better, 1 same, 1 only in A");

    JsonNode json = new ObjectMapper().readTree(dir.resolve("compare.json").toFile());
    assertThat(json.path("a").path("results").asText())
        .isEqualTo(Path.of("bench/results/20261201T100000Z/results.json").toString());
    assertThat(json.path("judgedBy").asText()).isEqualTo("value");
    assertThat(json.path("tolerance").asDouble()).isEqualTo(0.05);
    JsonNode rate = json.path("figures").get(0);
    assertThat(rate.path("key").asText()).isEqualTo("rate");
    assertThat(rate.path("valueChange").asDouble()).isEqualTo(12.0);
    assertThat(rate.path("verdict").asText()).isEqualTo("better");
    assertThat(json.path("figures").get(2).path("b").isNull()).isTrue();
    assertThat(json.path("targets").get(0).path("change").asText()).isEqualTo("now met");
  }

  @Test
  void aModeMismatchIsAWarningAtTheTop() throws Exception {
    Path a = RunFixture.run("quick").figure("s", "r", 1, "/s", 2, "higher").write(base, "A");
    Path b = RunFixture.run("full").figure("s", "r", 1, "/s", 2, "higher").write(base, "B");
    Comparison c = Comparison.of(RunResults.read(a), RunResults.read(b));

    String md = CompareMarkdown.render(c);

    assertThat(md.indexOf("> **Warning**: The runs differ in mode")).isGreaterThan(0);
    assertThat(md.indexOf("> **Warning**")).isLessThan(md.indexOf("## Runs"));
    assertThat(md).contains("judge the **ratios to the limits**");
    assertThat(rows(md, "mode"))
        .singleElement()
        .asList()
        .containsExactly("mode", "quick", "full", "differs");
  }

  @Test
  void anOldRunGetsOneLineAndNoFigureTables() throws Exception {
    Path a = RunFixture.old("full").target("s", "t", "x", "not met").write(base, "OLD");
    Path b =
        RunFixture.run("full")
            .figure("s", "r", 1, "/s", 2, "higher")
            .target("s", "t", "y", "met")
            .write(base, "NEW");

    String md = CompareMarkdown.render(Comparison.of(RunResults.read(a), RunResults.read(b)));

    assertThat(md)
        .contains("- Run A (OLD) has no named figures")
        .contains("Not compared: run A (OLD) names no figures")
        .doesNotContain("| figure |");
    assertThat(rows(md, "s | t")).singleElement().asList().contains("**now met**");
  }

  @Test
  void runsAreFoundByFolderFileOrName() throws Exception {
    Path file = RunFixture.run("full").write(results(), "20261201T100000Z");
    Path other = base.resolve("elsewhere");
    Path outside = RunFixture.run("full").write(other, "mine");

    assertThat(RunResults.resolve("20261201T100000Z", base, results())).isEqualTo(file);
    assertThat(RunResults.resolve("bench/results/20261201T100000Z", base, results()))
        .isEqualTo(file);
    assertThat(RunResults.resolve(file.toString(), base, results())).isEqualTo(file);
    assertThat(RunResults.resolve(other.resolve("mine").toString(), base, results()))
        .isEqualTo(outside);
    assertThat(RunResults.read(outside).name()).isEqualTo("mine");
    // With --out elsewhere, bare names still find the committed runs under bench/results.
    assertThat(RunResults.resolve("20261201T100000Z", base, other)).isEqualTo(file);
    assertThatThrownBy(() -> RunResults.resolve("nope", base, results()))
        .isInstanceOf(RunResults.Unreadable.class)
        .hasMessageContaining("no results.json for run 'nope'");
  }

  @Test
  void anUnreadableRunIsExitOneWithAMessage() throws Exception {
    RunFixture.run("full").write(results(), "good");
    Path broken = Files.createDirectories(results().resolve("broken"));
    Files.writeString(broken.resolve("results.json"), "{ not json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(CompareReport.run(List.of("good", "missing"), base, results(), out, errStream))
        .isEqualTo(1);
    assertThat(CompareReport.run(List.of("broken", "good"), base, results(), out, errStream))
        .isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bench: --compare: no results.json for run 'missing'")
        .contains("cannot read")
        .contains("broken");
    try (var listing = Files.list(results())) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .doesNotContain("compare-good-vs-missing");
    }
  }

  @Test
  void folderNamesAreSafe() {
    assertThat(CompareReport.folderName("20261128T032205Z", "a b/c"))
        .isEqualTo("compare-20261128T032205Z-vs-a_b_c");
  }

  @Test
  void numbersAndFactors() {
    assertThat(CompareMarkdown.value(1234.5, "/s")).isEqualTo("1,235/s");
    assertThat(CompareMarkdown.value(12.345, "ms")).isEqualTo("12.3 ms");
    assertThat(CompareMarkdown.value(0.04567, "")).isEqualTo("0.0457");
    assertThat(CompareMarkdown.value(3, "frames")).isEqualTo("3 frames");
    assertThat(CompareMarkdown.value(Double.NaN, "/s")).isEqualTo("n/a");
    assertThat(CompareMarkdown.times(1.234)).isEqualTo("1.23×");
    assertThat(CompareMarkdown.times(Double.NaN)).isEqualTo("n/a");
  }
}
