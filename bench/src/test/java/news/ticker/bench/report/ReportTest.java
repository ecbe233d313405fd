package news.ticker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {

  @Test
  void formats() {
    assertThat(Format.number(12345.6)).isEqualTo("12,346");
    assertThat(Format.number(12.34)).isEqualTo("12.3");
    assertThat(Format.number(0.1234)).isEqualTo("0.12");
    assertThat(Format.number(Double.NaN)).isEqualTo("n/a");
    assertThat(Format.ms(0.4123)).isEqualTo("0.412 ms");
    assertThat(Format.ms(12.34)).isEqualTo("12.3 ms");
    assertThat(Format.ms(1250)).isEqualTo("1,250 ms");
    assertThat(Format.ratio(1500, 3000)).isEqualTo("0.50");
    assertThat(Format.ratio(300, 10)).isEqualTo("30.00");
    assertThat(Format.ratio(1, 0)).isEqualTo("n/a");
    assertThat(Format.ratio(64.2, 49326)).isEqualTo("0.0013");
    assertThat(Format.cell("a|b\nc")).isEqualTo("a\\|b c");
    assertThat(Format.bytes(2048)).isEqualTo("2.0 KiB");
  }

  @Test
  void percentileChartIsWellFormedSvg() throws Exception {
    String svg =
        SvgChart.percentiles(
            "Latency <&> \"test\"",
            List.of(
                new SvgChart.Line(
                    "a & b",
                    List.of(
                        new double[] {0, 1.5},
                        new double[] {50, 3},
                        new double[] {99.9, 40},
                        new double[] {100, 80})),
                new SvgChart.Line(
                    "limit", List.of(new double[] {0, 0.2}, new double[] {100, 2}), true)));
    Document doc = parse(svg);
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    assertThat(svg).contains("99.9%").contains("stroke-dasharray").contains("a &amp; b");
  }

  @Test
  void timeChartIsWellFormedSvg() throws Exception {
    String svg =
        SvgChart.overTime(
            "Throughput",
            "writes/s",
            List.of(
                new SvgChart.Line(
                    "accepted", List.of(new double[] {0.5, 1000}, new double[] {1.5, 1200}))),
            List.of(new SvgChart.Level("limit", 5000)));
    Document doc = parse(svg);
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(1);
    assertThat(svg).contains("limit").contains("writes/s");
    // an empty chart still renders
    parse(SvgChart.overTime("empty", "y", List.of(), List.of()));
    parse(SvgChart.percentiles("empty", List.of()));
  }

  @Test
  void nicePercentileAxis() {
    assertThat(SvgChart.nines(0)).isEqualTo(0.0);
    assertThat(SvgChart.nines(90)).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(SvgChart.nines(99.9)).isEqualTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(SvgChart.nines(100)).isEqualTo(5.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(SvgChart.niceCeiling(870)).isEqualTo(1000);
    assertThat(SvgChart.niceCeiling(2100)).isEqualTo(2500);
  }

  @Test
  void writesResultsReportAndCharts(@TempDir Path dir) throws Exception {
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.put("mode", "quick");
    run.put("startedAt", "2025-01-01T00:00:00Z");
    run.put("durationSeconds", 123.4);
    ObjectNode machine = run.putObject("machine");
    machine.put("cpuCount", 2);
    machine.put("cpuModel", "Example CPU");
    machine.put("memoryGiB", 23.5);
    run.putObject("git").put("commit", "abc123");
    run.putObject("clientCpu").put("clientCpuSeconds", 10.0).put("clientCores", 0.1);
    run.putObject("scenarioCpu")
        .putObject("s1")
        .put("clientCores", 0.5)
        .put("wallSeconds", 10)
        .putObject("componentCores")
        .put("timeline", 0.8);
    ObjectNode quiet = run.putObject("quietBefore");
    quiet.putObject("s1").put("seconds", 0.0).put("quiet", true).putObject("lag");
    quiet.putObject("s2").put("seconds", 120.3).put("quiet", false).putObject("lag").put("g", 7);

    ScenarioReport s = new ScenarioReport("s1", "1. Something", "What it does.");
    s.table(
        new ScenarioReport.Table(
            "Figures",
            List.of("figure", "measured", "limit", "ratio"),
            List.of(List.of("writes/s", "1,000", "4,000", Format.ratio(1000, 4000)))));
    s.chart(
        new ScenarioReport.Chart(
            "s1.svg", "A chart", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    s.target(new ScenarioReport.Target("writes", "≥ 2,000", "1,000/s", false));
    s.json().put("acceptedPerSecond", 1000);
    ScenarioReport missing = new ScenarioReport("s2", "2. Missing", "Not there.");
    missing.degrade("not measured", "the service does not answer");
    missing.target(new ScenarioReport.Target("x", "y", "not measured", Grade.NOT_MEASURED));

    ReportWriter.write(dir, run, List.of(s, missing));

    JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertThat(results.path("scenarios").path("s1").path("acceptedPerSecond").asInt())
        .isEqualTo(1000);
    assertThat(results.path("scenarios").path("s2").path("status").asText())
        .isEqualTo("not measured");
    assertThat(results.path("machine").path("cpuModel").asText()).isEqualTo("Example CPU");
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .contains("# Ticker bench: quick run of 2025-01-01T00:00:00Z")
        .contains("2 × Example CPU")
        .contains("| writes/s | 1,000 | 4,000 | 0.25 |")
        .contains("|---|---:|---:|---:|")
        .contains("| scenario | target | goal | measured | |\n|---|---|---|---|---|")
        .contains("![A chart](s1.svg)")
        .contains("| 1. Something | writes | ≥ 2,000 | 1,000/s | not met |")
        .contains("| 2. Missing | x | y | not measured | not measured |")
        .contains("## 2. Missing (not measured)")
        .contains("- the service does not answer")
        .contains("timeline 0.80")
        .contains(
            "Waits before the scenarios: s1 0.0 s, s2 120.3 s (**not quiet**: lag {\"g\":7})");
    assertThat(dir.resolve("s1.svg")).exists();
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
