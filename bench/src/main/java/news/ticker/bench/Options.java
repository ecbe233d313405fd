package news.ticker.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@code ./ticker bench [scenario…] [--quick] [--input FILE]…}.
 *
 * @param scenarios the scenarios to run, in the order they run (never empty)
 * @param quick the short run (under 5 minutes on a 2-core machine)
 * @param inputs live-blog files for the real-blog scenario; empty means the default fixtures
 * @param pace how many times faster than real time the real blog is replayed; NaN for the mode's
 *     default
 * @param readers reader counts of publish-to-screen, or null for the mode's default
 * @param rates update rates (per second) of publish-to-screen, or null for the default
 * @param replayEvents story events in the topic before the rebuild, or null for the default
 * @param windowSeconds measurement window per cell, or null for the mode's default
 * @param out where the results folder is created
 * @param profile record the services with Java Flight Recorder during each scenario
 * @param compare the two runs of {@code --compare A B} (A first), or null for a bench run
 */
public record Options(
    List<Scenario> scenarios,
    boolean quick,
    List<Path> inputs,
    double pace,
    List<Integer> readers,
    List<Integer> rates,
    Long replayEvents,
    Integer windowSeconds,
    Path out,
    boolean profile,
    List<String> compare) {

  public static final String USAGE =
      String.join(
          "\n",
          "usage: ./ticker bench [scenario…] [--quick] [--input FILE]…",
          "       ./ticker bench --compare RUN_A RUN_B [--out DIR]",
          "",
          "Scenarios (default: all, in this order):",
          "  publish-to-screen (1)  N SSE readers on one story, updates at a steady rate",
          "  write-throughput  (2)  concurrent newsroom clients posting to many stories",
          "  feed-reads        (3)  a hot story's feed page and header, with and without If-None-Match",
          "  real-blog         (5)  a real live blog replayed through the newsroom API, then checked",
          "  election-night    (6)  100 live stories, updates and readers spread by a Zipf law",
          "  replay            (4)  rebuild of the read model from the story-events topic",
          "  cold-start        (7)  ingest and timeline restarted, then one busy story at once",
          "",
          "Options:",
          "  --quick             small sizes and short windows (under 5 minutes on 2 cores)",
          "  --input FILE        a live blog, one JSON object per line (repeatable; default:",
          "                      ../shared/fixtures/guardian/*.jsonl when present)",
          "  --pace X            real-blog speed-up over its real pace (quick 3000, full 1000)",
          "  --readers N,N…      publish-to-screen reader counts (quick 100,1000; full 100,1000,10000)",
          "  --rates R,R…        publish-to-screen updates per second (default 10,100)",
          "  --replay-events N   story events to rebuild from (quick 100000; full 1000000)",
          "  --window S          seconds per measurement window (overrides the mode's default)",
          "  --out DIR           results root (default bench/results)",
          "  --profile           record ingest and timeline with Java Flight Recorder during each",
          "                      scenario and add where their CPU went to the report",
          "  --compare A B       no run: compare two runs' results side by side (each a folder,",
          "                      its results.json, or a run name under --out) and write",
          "                      <out>/compare-<A>-vs-<B>/ with report.md and compare.json",
          "",
          "Writes <out>/<timestamp>/ with results.json, report.md and SVG charts. Measures; never",
          "asserts: the exit code is 0 whenever the report was written.");

  /** The scenarios. */
  public enum Scenario {
    PUBLISH_TO_SCREEN("publish-to-screen", 1),
    WRITE_THROUGHPUT("write-throughput", 2),
    FEED_READS("feed-reads", 3),
    REPLAY("replay", 4),
    REAL_BLOG("real-blog", 5),
    ELECTION_NIGHT("election-night", 6),
    COLD_START("cold-start", 7);

    private final String id;
    private final int number;

    Scenario(String id, int number) {
      this.id = id;
      this.number = number;
    }

    public String id() {
      return id;
    }

    public int number() {
      return number;
    }

    /**
     * Replay runs late: its seed and rebuild load the stack more than anything else. Cold start
     * runs last: it restarts the services, so the rest would otherwise measure fresh JVMs.
     */
    static final List<Scenario> DEFAULT_ORDER =
        List.of(
            PUBLISH_TO_SCREEN,
            WRITE_THROUGHPUT,
            FEED_READS,
            REAL_BLOG,
            ELECTION_NIGHT,
            REPLAY,
            COLD_START);

    static Scenario parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      for (Scenario s : values()) {
        if (s.id.equals(t) || Integer.toString(s.number).equals(t)) {
          return s;
        }
      }
      throw new UsageException(
          "unknown scenario '"
              + text
              + "' (publish-to-screen, write-throughput, feed-reads, replay, real-blog,"
              + " election-night, cold-start or 1-7)");
    }
  }

  /** A command-line mistake; the message says which. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Thrown for {@code --help}. */
  public static final class HelpRequested extends RuntimeException {
    public HelpRequested() {
      super("help");
    }
  }

  public static Options parse(List<String> args) {
    if (args.contains("--compare")) {
      return parseCompare(args);
    }
    Set<Scenario> scenarios = new LinkedHashSet<>();
    boolean quick = false;
    List<Path> inputs = new ArrayList<>();
    double pace = Double.NaN; // the mode's default
    List<Integer> readers = null;
    List<Integer> rates = null;
    Long replayEvents = null;
    Integer window = null;
    Path out = Path.of("bench", "results");
    boolean profile = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-h", "--help", "help" -> throw new HelpRequested();
        case "--quick", "-q" -> quick = true;
        case "--profile" -> profile = true;
        case "--input" -> inputs.add(Path.of(value(args, ++i, arg)));
        case "--pace" -> pace = positiveDouble(value(args, ++i, arg), arg);
        case "--readers" -> readers = positiveInts(value(args, ++i, arg), arg);
        case "--rates" -> rates = positiveInts(value(args, ++i, arg), arg);
        case "--replay-events" -> replayEvents = (long) positiveDouble(value(args, ++i, arg), arg);
        case "--window" -> window = (int) positiveDouble(value(args, ++i, arg), arg);
        case "--out" -> out = Path.of(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("--input=")) {
            inputs.add(Path.of(arg.substring("--input=".length())));
          } else if (arg.startsWith("-")) {
            throw new UsageException("unknown option '" + arg + "'");
          } else {
            for (String part : arg.split(",")) {
              if (!part.isBlank()) {
                scenarios.add(Scenario.parse(part));
              }
            }
          }
        }
      }
    }
    List<Scenario> ordered = new ArrayList<>();
    for (Scenario s : Scenario.DEFAULT_ORDER) {
      if (scenarios.isEmpty() || scenarios.contains(s)) {
        ordered.add(s);
      }
    }
    return new Options(
        List.copyOf(ordered),
        quick,
        List.copyOf(inputs),
        pace,
        readers,
        rates,
        replayEvents,
        window,
        out,
        profile,
        null);
  }

  /** {@code --compare A B [--out DIR]}, in any order, and nothing else: no run, no stack. */
  private static Options parseCompare(List<String> args) {
    List<String> runs = null;
    Path out = Path.of("bench", "results");
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-h", "--help", "help" -> throw new HelpRequested();
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--compare" -> {
          if (runs != null) {
            throw new UsageException("--compare is given twice");
          }
          runs = List.of(compareRun(args, ++i), compareRun(args, ++i));
        }
        default ->
            throw new UsageException(
                "--compare A B takes exactly two runs and no scenario or option but --out, not '"
                    + arg
                    + "'");
      }
    }
    return new Options(
        Scenario.DEFAULT_ORDER, false, List.of(), 1000, null, null, null, null, out, false, runs);
  }

  public boolean runs(Scenario scenario) {
    return scenarios.contains(scenario);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
  }

  /** One run of {@code --compare A B}: present, and not an option. */
  private static String compareRun(List<String> args, int i) {
    if (i >= args.size() || args.get(i).startsWith("-") || args.get(i).isBlank()) {
      throw new UsageException("--compare needs two runs: --compare RUN_A RUN_B");
    }
    return args.get(i);
  }

  private static double positiveDouble(String text, String option) {
    try {
      double v = Double.parseDouble(text.replace("_", ""));
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a positive number, not '" + text + "'");
    }
  }

  private static List<Integer> positiveInts(String text, String option) {
    List<Integer> values = new ArrayList<>();
    for (String part : text.split(",")) {
      double v = positiveDouble(part.trim(), option);
      if (v != Math.rint(v) || v > Integer.MAX_VALUE) {
        throw new UsageException(option + " needs whole numbers, not '" + part + "'");
      }
      values.add((int) v);
    }
    return List.copyOf(values);
  }
}
