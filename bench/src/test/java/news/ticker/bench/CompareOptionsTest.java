package news.ticker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --compare A B} on the command line, and Bench's exit codes for it (no stack needed). */
class CompareOptionsTest {

  @TempDir Path dir;

  @Test
  void compareTakesTwoRunsInOrder() {
    Options o = Options.parse(List.of("--compare", "20261128T032205Z", "bench/results/x"));
    assertThat(o.compare()).containsExactly("20261128T032205Z", "bench/results/x");
    assertThat(Options.parse(List.of("--quick")).compare()).isNull();
  }

  @Test
  void compareAcceptsOutAsItsResultsRoot() {
    Options o = Options.parse(List.of("--out", "/tmp/r", "--compare", "a", "b"));
    assertThat(o.compare()).containsExactly("a", "b");
    assertThat(o.out()).isEqualTo(Path.of("/tmp/r"));
  }

  @Test
  void anythingButExactlyTwoRunsIsAUsageError() {
    for (List<String> args :
        List.of(
            List.of("--compare"),
            List.of("--compare", "a"),
            List.of("--compare", "a", "--quick"),
            List.of("--compare", "a", "b", "c"),
            List.of("--compare", "a", "b", "--quick"),
            List.of("replay", "--compare", "a", "b"),
            List.of("--compare", "a", "b", "--compare", "c", "d"))) {
      assertThatThrownBy(() -> Options.parse(args))
          .as("%s", args)
          .isInstanceOf(Options.UsageException.class)
          .hasMessageContaining("--compare");
    }
    assertThat(Options.USAGE).contains("--compare RUN_A RUN_B");
  }

  @Test
  void benchComparesWithoutAStack() throws Exception {
    Path a = Files.createDirectories(dir.resolve("A"));
    Path b = Files.createDirectories(dir.resolve("B"));
    String json =
        "{\"mode\":\"quick\",\"machine\":{\"cpuCount\":2,\"cpuModel\":\"x\"},"
            + "\"scenarios\":{\"s\":{\"status\":\"measured\",\"figures\":[],\"targets\":[]}}}";
    Files.writeString(a.resolve("results.json"), json);
    Files.writeString(b.resolve("results.json"), json);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    String[] args = {"--compare", a.toString(), b.toString(), "--out", dir.toString()};
    assertThat(Bench.run(args, o, e)).isZero();
    assertThat(dir.resolve("compare-A-vs-B").resolve("report.md")).isRegularFile();
    assertThat(dir.resolve("compare-A-vs-B").resolve("compare.json")).isRegularFile();

    String[] missing = {"--compare", a.toString(), dir.resolve("nope").toString()};
    assertThat(Bench.run(missing, o, e)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no results.json for run");

    assertThat(Bench.run(new String[] {"--compare", "a"}, o, e)).isEqualTo(2);
  }
}
