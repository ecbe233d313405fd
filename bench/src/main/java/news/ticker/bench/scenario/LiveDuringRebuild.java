package news.ticker.bench.scenario;

import java.time.Duration;
import java.util.List;
import news.ticker.bench.BenchContext;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.Grade;
import news.ticker.bench.report.ScenarioReport;

/**
 * Publish-to-screen at 10 updates/s with 100 readers on a story of its own, <em>while</em> the
 * rebuild runs: what readers of the live read model feel when an admin rebuilds it (issue 16 grades
 * it: p99 ≤ 250 ms).
 */
public final class LiveDuringRebuild implements DuringRebuild {

  static final int READERS = 100;
  static final int RATE = 10;

  @Override
  public void run(BenchContext ctx, ScenarioReport report, Duration window) {
    PushCell.Result c = PublishToScreen.standalone(ctx, report, READERS, RATE, window);
    if (c == null) {
      report.target(
          new ScenarioReport.Target(
              "live publish-to-screen p99 at 10 updates/s, 100 readers, during the rebuild",
              "≤ 250 ms (aim ≤ 100 ms)",
              "not measured",
              Grade.NOT_MEASURED));
      return;
    }
    report.json().set("liveDuringRebuild", c.toJson());
    report.table(
        new ScenarioReport.Table(
            "Live publish-to-screen while the rebuild runs (write due → frame)",
            PushCell.HEADER,
            List.of(PushCell.row(c, null))));
    report.figure(
        ScenarioReport.Figure.of(
            "liveDuringRebuild.p99Ms",
            "live publish-to-screen p99 during the rebuild (100 readers, 10/s)",
            c.latency().p99Ms(),
            "ms",
            ScenarioReport.Better.LOWER));
    report.figure(
        ScenarioReport.Figure.of(
            "liveDuringRebuild.lost",
            "frames lost during the rebuild",
            c.lost(),
            "frames",
            ScenarioReport.Better.LOWER));
    boolean met = c.latency().count() > 0 && c.latency().p99Ms() <= 250 && c.lost() == 0;
    report.target(
        new ScenarioReport.Target(
            "live publish-to-screen p99 at 10 updates/s, 100 readers, during the rebuild",
            "≤ 250 ms, none lost (aim ≤ 100 ms)",
            "p99 "
                + Format.ms(c.latency().p99Ms())
                + ", "
                + Format.count(c.lost())
                + " lost, at "
                + Format.number(c.achievedRate())
                + "/s achieved",
            c.latency().count() == 0
                ? Grade.NOT_MEASURED
                : Grade.atRate(RATE, c.achievedRate(), met)));
  }
}
