package news.ticker.bench.scenario;

import java.time.Duration;
import news.ticker.bench.BenchContext;
import news.ticker.bench.report.ScenarioReport;

/**
 * Live load that the replay runs while its rebuild runs (issue 12: publish-to-screen at 10
 * updates/s with 100 readers <em>while</em> a rebuild runs). It runs on its own thread, started
 * once the rebuild is running, for about {@code window}; the replay joins it before anything else
 * touches the report (and before it restarts the timeline when the rebuild did not finish), so it
 * may add tables, figures, targets and notes to the report freely.
 */
@FunctionalInterface
public interface DuringRebuild {

  /** Nothing runs beside the rebuild. */
  DuringRebuild NONE = (ctx, report, window) -> {};

  /**
   * Runs the load for about {@code window} and reports it; returns when done. What cannot be
   * measured is reported, not thrown (an exception is turned into a note by the replay).
   */
  void run(BenchContext ctx, ScenarioReport report, Duration window) throws Exception;
}
