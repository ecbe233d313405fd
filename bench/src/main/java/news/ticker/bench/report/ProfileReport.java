package news.ticker.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.ticker.bench.measure.Profiler;

/** Adds Java Flight Recorder summaries to a scenario's report. */
public final class ProfileReport {

  private ProfileReport() {}

  public static void add(ScenarioReport report, List<Profiler.Summary> summaries) {
    if (summaries.isEmpty()) {
      return;
    }
    ArrayNode arr = report.json().putArray("profiles");
    for (Profiler.Summary s : summaries) {
      ObjectNode j = arr.addObject();
      j.put("component", s.component());
      j.put("samples", s.samples());
      j.put("seconds", s.seconds());
      j.put("gcPauses", s.gcPauses());
      j.put("gcPauseMs", s.gcPauseMs());
      j.putPOJO("byCategory", s.byCategory());
      j.putPOJO("hotMethods", s.hotMethods());
      j.putPOJO("tickerMethods", s.hotTickerMethods());
      if (s.samples() == 0) {
        continue;
      }
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<String, Long> e : s.byCategory().entrySet()) {
        rows.add(List.of(e.getKey(), Format.percent(e.getValue() / (double) s.samples())));
      }
      report.table(
          new ScenarioReport.Table(
              "Profile of "
                  + s.component()
                  + " (Java Flight Recorder, "
                  + Format.count(s.samples())
                  + " CPU samples over "
                  + Format.seconds(s.seconds())
                  + "; GC pauses "
                  + Format.count(s.gcPauses())
                  + ", "
                  + Format.ms(s.gcPauseMs())
                  + " in total): where the CPU"
                  + " went, by the innermost library on the stack",
              List.of("library", "share of samples"),
              rows));
      List<List<String>> hot = new ArrayList<>();
      for (Map.Entry<String, Long> e : s.hotMethods().entrySet()) {
        hot.add(
            List.of("`" + e.getKey() + "`", Format.percent(e.getValue() / (double) s.samples())));
      }
      report.table(
          new ScenarioReport.Table(
              "Hottest methods of " + s.component() + " (self samples)",
              List.of("method", "share"),
              hot));
      List<List<String>> own = new ArrayList<>();
      for (Map.Entry<String, Long> e : s.hotTickerMethods().entrySet()) {
        own.add(
            List.of("`" + e.getKey() + "`", Format.percent(e.getValue() / (double) s.samples())));
      }
      if (!own.isEmpty()) {
        report.table(
            new ScenarioReport.Table(
                "Ticker code of " + s.component() + " under those samples (innermost Ticker frame)",
                List.of("method", "share"),
                own));
      }
    }
    report.note(
        "Profiled with Java Flight Recorder (settings=profile) in ingest and timeline while this scenario"
            + " ran; the recordings are in tmp/ (open them with JDK Mission Control or `jfr print`).");
  }
}
