package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ticker bench --compare A B}: reads two runs' results.json and writes {@code
 * <results>/compare-<A>-vs-<B>/} with {@code report.md} and {@code compare.json}, every named
 * figure of both runs beside its limit and ratio, with a verdict. Touches no stack: performance
 * changes quote their before (A) and after (B) with it.
 */
public final class CompareReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CompareReport() {}

  /**
   * Runs the comparison.
   *
   * @param runs the two runs, A (before) then B (after): folders, results.json files, or run names
   *     under {@code resultsRoot}
   * @param base what relative paths are relative to (the repository root)
   * @param resultsRoot where bare run names are found and the comparison folder is written
   * @return 0 when the report was written, 1 when a run could not be read or the report not written
   */
  public static int run(
      List<String> runs, Path base, Path resultsRoot, PrintStream out, PrintStream err) {
    Comparison c;
    try {
      RunResults a = RunResults.read(RunResults.resolve(runs.get(0), base, resultsRoot));
      RunResults b = RunResults.read(RunResults.resolve(runs.get(1), base, resultsRoot));
      c = Comparison.of(a, b);
    } catch (RunResults.Unreadable e) {
      err.println("bench: --compare: " + e.getMessage());
      return 1;
    }
    Path dir;
    try {
      dir = write(c, base, resultsRoot);
    } catch (IOException e) {
      err.println("bench: --compare: cannot write the comparison under " + resultsRoot + ": " + e);
      return 1;
    }
    Path shown = dir.startsWith(base) ? base.relativize(dir) : dir;
    out.println("bench: comparison " + shown.resolve("report.md"));
    for (String w : c.warnings()) {
      out.println("  warning: " + w);
    }
    for (String n : c.notes()) {
      out.println("  note: " + n);
    }
    out.println("  " + CompareMarkdown.summary(c));
    Map<Verdict, Integer> counts = c.verdictCounts();
    if (counts.containsKey(Verdict.WORSE)) {
      for (FigureComparison f : c.figures()) {
        if (f.verdict() == Verdict.WORSE) {
          out.printf("  worse: %s %s%n", f.scenario(), f.label());
        }
      }
    }
    return 0;
  }

  /**
   * Writes the comparison's folder under {@code resultsRoot} and returns it; {@code base} is the
   * repository root that compare.json names the runs' files relative to.
   */
  public static Path write(Comparison c, Path base, Path resultsRoot) throws IOException {
    Path dir = resultsRoot.resolve(folderName(c.a().name(), c.b().name()));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), CompareMarkdown.render(c), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("compare.json"),
        JSON.writeValueAsString(CompareJson.of(c, base.toAbsolutePath().normalize())) + "\n",
        StandardCharsets.UTF_8);
    return dir;
  }

  /** {@code compare-<A>-vs-<B>}, with anything but letters, digits, '.', '_' and '-' as '_'. */
  static String folderName(String a, String b) {
    return "compare-" + safe(a) + "-vs-" + safe(b);
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
