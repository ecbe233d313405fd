package news.ticker.bench.scenario;

import news.ticker.bench.BenchContext;
import news.ticker.bench.Settings;
import news.ticker.bench.report.ScenarioReport;

/** One scenario of issue 7: measures the stack and its limit in the same run. */
public interface Scenario {

  String id();

  /** Estimated seconds, for the progress bar. */
  double estimateSeconds(Settings settings);

  /** Runs; never asserts. What cannot be measured is reported (status and a note), not thrown. */
  ScenarioReport run(BenchContext ctx) throws Exception;
}
