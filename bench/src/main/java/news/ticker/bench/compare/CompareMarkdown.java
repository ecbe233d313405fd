package news.ticker.bench.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.ticker.bench.report.Format;

/** The comparison's {@code report.md}: headers, targets and figures of both runs side by side. */
public final class CompareMarkdown {

  static final List<String> FIGURE_HEADER =
      List.of(
          "figure",
          "A",
          "A limit",
          "A ratio",
          "B",
          "B limit",
          "B ratio",
          "B ÷ A",
          "ratio B ÷ A",
          "verdict");

  private CompareMarkdown() {}

  public static String render(Comparison c) {
    StringBuilder md = new StringBuilder();
    md.append("# Ticker bench: ")
        .append(c.b().name())
        .append(" against ")
        .append(c.a().name())
        .append("\n\n");
    md.append("**A** (before): ").append(describe(c.a())).append("  \n");
    md.append("**B** (after): ").append(describe(c.b())).append("\n\n");
    for (String w : c.warnings()) {
      md.append("> **Warning**: ").append(w).append("\n\n");
    }
    for (String n : c.notes()) {
      md.append("- ").append(n).append('\n');
    }
    if (!c.notes().isEmpty()) {
      md.append('\n');
    }
    md.append(howToRead(c)).append("\n\n");
    md.append("**Summary**: ").append(summary(c)).append("\n\n");

    md.append("## Runs\n\n| | A | B | |\n|---|---|---|---|\n");
    for (Headers.Row r : c.headers()) {
      md.append(row(List.of(r.what(), r.a(), r.b(), r.differs() ? "differs" : "")));
    }
    md.append('\n');

    md.append("## Targets\n\n");
    if (c.targets().isEmpty()) {
      md.append("Neither run has targets.\n\n");
    } else {
      md.append(
          "| scenario | target | goal | A measured | A grade | B measured | B grade | change |\n"
              + "|---|---|---|---|---|---|---|---|\n");
      for (TargetComparison t : c.targets()) {
        md.append(
            row(
                List.of(
                    t.scenario(),
                    t.what(),
                    goal(t),
                    t.a() == null ? "—" : t.a().measured(),
                    t.a() == null ? "not in A" : t.a().grade(),
                    t.b() == null ? "—" : t.b().measured(),
                    t.b() == null ? "not in B" : t.b().grade(),
                    t.change().isEmpty() ? "" : "**" + t.change() + "**")));
      }
      md.append('\n');
    }

    md.append("## Figures\n\n");
    if (!c.figuresCompared()) {
      md.append("Not compared: ")
          .append(c.a().hasFigures() ? "" : "run A (" + c.a().name() + ")")
          .append(!c.a().hasFigures() && !c.b().hasFigures() ? " and " : "")
          .append(c.b().hasFigures() ? "" : "run B (" + c.b().name() + ")")
          .append(c.a().hasFigures() || c.b().hasFigures() ? " names" : " name")
          .append(" no figures; only the targets above compare.\n\n");
    } else if (c.figures().isEmpty()) {
      md.append("Neither run has named figures.\n\n");
    } else {
      for (Comparison.ScenarioStatus s : c.scenarios()) {
        List<FigureComparison> rows =
            c.figures().stream().filter(f -> f.scenario().equals(s.id())).toList();
        if (rows.isEmpty()) {
          continue;
        }
        md.append("### ").append(s.title()).append("\n\n");
        md.append(row(FIGURE_HEADER)).append("|---|");
        md.append("---:|".repeat(FIGURE_HEADER.size() - 2)).append("---|\n");
        for (FigureComparison f : rows) {
          md.append(row(figureCells(f)));
        }
        md.append('\n');
      }
    }

    md.append("## Scenarios\n\n| scenario | A | B |\n|---|---|---|\n");
    for (Comparison.ScenarioStatus s : c.scenarios()) {
      md.append(row(List.of(s.title(), s.a(), s.b())));
    }
    return md.toString();
  }

  /** The cells of one figure's row, in the order of {@link #FIGURE_HEADER}. */
  static List<String> figureCells(FigureComparison f) {
    String label = f.label();
    String limits = limitLabels(f);
    if (!limits.isEmpty()) {
      label += " (limit: " + limits + ")";
    }
    List<String> cells = new ArrayList<>();
    cells.add(label);
    addSide(cells, f.a(), f.unit());
    addSide(cells, f.b(), f.unit());
    cells.add(times(f.valueChange()));
    cells.add(times(f.ratioChange()));
    String v = f.verdict().label();
    boolean strong = f.verdict() == Verdict.BETTER || f.verdict() == Verdict.WORSE;
    cells.add(strong ? "**" + v + "**" : v);
    return cells;
  }

  private static void addSide(List<String> cells, FigureComparison.Side s, String unit) {
    if (s == null) {
      cells.addAll(List.of("—", "—", "—"));
      return;
    }
    cells.add(value(s.value(), unit));
    cells.add(Double.isFinite(s.limit()) ? value(s.limit(), unit) : "none");
    cells.add(Double.isFinite(s.ratio()) ? Format.ratio(s.ratio(), 1) : "n/a");
  }

  private static String limitLabels(FigureComparison f) {
    String a = f.a() == null ? "" : f.a().limitLabel();
    String b = f.b() == null ? "" : f.b().limitLabel();
    if (a.isEmpty() || a.equals(b)) {
      return b;
    }
    return b.isEmpty() ? a : "A " + a + "; B " + b;
  }

  /** A figure with its unit: milliseconds as the run report writes them, else 3 significant. */
  static String value(double v, String unit) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    if (unit.equals("ms")) {
      return Format.ms(v);
    }
    String n = number(v);
    if (unit.isEmpty()) {
      return n;
    }
    return unit.startsWith("/") || unit.equals("%") ? n + unit : n + " " + unit;
  }

  /** A change factor: "1.23×"; "n/a" when it could not be computed. */
  static String times(double x) {
    return Double.isFinite(x) ? number(x) + "×" : "n/a";
  }

  /** Grouped whole numbers from 100, else three significant digits ("12.3", "0.0456"). */
  static String number(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.US, "%,.0f", v);
    }
    if (a == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  private static String describe(RunResults r) {
    return "`"
        + r.name()
        + "`, a "
        + r.mode()
        + " run started "
        + r.root().path("startedAt").asText("at an unknown time")
        + " at commit "
        + Headers.commit(r);
  }

  private static String howToRead(Comparison c) {
    String tol = String.format(Locale.US, "%.0f %%", c.tolerance() * 100);
    return "Each figure of B stands beside the same figure of A, both with the limit measured in"
        + " their own run and the **ratio** to it (measured ÷ limit). **B ÷ A** is B's value over"
        + " A's; **ratio B ÷ A** is B's ratio over A's, the fair comparison when the machine or the"
        + " load on it differs. The **verdict** is *better* or *worse* when B and A differ by more"
        + " than "
        + tol
        + " of the larger, in the direction the figure is better (higher for rates, lower for"
        + " latencies), *same* within "
        + tol
        + ", and *changed* for a figure that is neither better higher nor lower. "
        + (c.ratiosOnly()
            ? "Here the verdicts judge the **ratios to the limits** (the runs differ in mode or"
                + " machine); a figure without a limit in both is *not comparable*."
            : "Here the verdicts judge the **values** (same machine, same mode).");
  }

  static String summary(Comparison c) {
    StringBuilder sb = new StringBuilder();
    if (c.figuresCompared()) {
      Map<Verdict, Integer> counts = c.verdictCounts();
      sb.append(c.figures().size()).append(" figures");
      List<String> parts = new ArrayList<>();
      for (Verdict v : Verdict.values()) {
        if (counts.containsKey(v)) {
          parts.add(counts.get(v) + " " + v.label());
        }
      }
      if (!parts.isEmpty()) {
        sb.append(": ").append(String.join(", ", parts));
      }
      sb.append(". ");
    } else {
      sb.append("figures not compared (see above). ");
    }
    long metA = c.targets().stream().filter(t -> met(t.a())).count();
    long metB = c.targets().stream().filter(t -> met(t.b())).count();
    long inA = c.targets().stream().filter(t -> t.a() != null).count();
    long inB = c.targets().stream().filter(t -> t.b() != null).count();
    sb.append("Targets met: A ")
        .append(metA)
        .append(" of ")
        .append(inA)
        .append(", B ")
        .append(metB)
        .append(" of ")
        .append(inB)
        .append('.');
    return sb.toString();
  }

  private static boolean met(TargetComparison.Side s) {
    return s != null && s.grade().equals("met");
  }

  private static String goal(TargetComparison t) {
    if (t.a() != null && t.b() != null && !t.a().goal().equals(t.b().goal())) {
      return "A " + t.a().goal() + "; B " + t.b().goal();
    }
    return t.goal();
  }

  private static String row(List<String> cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(Format.cell(c)).append(" |");
    }
    return sb.append('\n').toString();
  }
}
