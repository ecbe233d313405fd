package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** The comparison's {@code compare.json}: the same content as report.md, for tools. */
public final class CompareJson {

  private CompareJson() {}

  /**
   * @param base the repository root: the runs' results.json are named relative to it, so that a
   *     committed comparison names no one's home folder
   */
  public static ObjectNode of(Comparison c, Path base) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("a", run(c.a(), base));
    o.set("b", run(c.b(), base));
    o.put("tolerance", c.tolerance());
    o.put("judgedBy", c.ratiosOnly() ? "ratio" : "value");
    o.put("figuresCompared", c.figuresCompared());
    o.putPOJO("warnings", c.warnings());
    o.putPOJO("notes", c.notes());
    ArrayNode headers = o.putArray("headers");
    for (Headers.Row r : c.headers()) {
      headers.addObject().put("what", r.what()).put("a", r.a()).put("b", r.b());
    }
    ArrayNode scenarios = o.putArray("scenarios");
    for (Comparison.ScenarioStatus s : c.scenarios()) {
      scenarios
          .addObject()
          .put("id", s.id())
          .put("title", s.title())
          .put("a", s.a())
          .put("b", s.b());
    }
    ArrayNode targets = o.putArray("targets");
    for (TargetComparison t : c.targets()) {
      ObjectNode to = targets.addObject();
      to.put("scenario", t.scenario()).put("what", t.what()).put("goal", t.goal());
      to.set("a", targetSide(t.a()));
      to.set("b", targetSide(t.b()));
      to.put("change", t.change());
    }
    ArrayNode figures = o.putArray("figures");
    for (FigureComparison f : c.figures()) {
      ObjectNode fo = figures.addObject();
      fo.put("scenario", f.scenario())
          .put("key", f.key())
          .put("label", f.label())
          .put("unit", f.unit())
          .put("better", f.better());
      fo.set("a", figureSide(f.a()));
      fo.set("b", figureSide(f.b()));
      number(fo, "valueChange", f.valueChange());
      number(fo, "ratioChange", f.ratioChange());
      fo.put("judgedBy", f.judgedBy());
      fo.put("verdict", f.verdict().label());
    }
    return o;
  }

  private static ObjectNode run(RunResults r, Path base) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", r.name());
    Path file = r.file().toAbsolutePath().normalize();
    o.put("results", (file.startsWith(base) ? base.relativize(file) : file).toString());
    o.put("mode", r.mode());
    o.put("startedAt", r.root().path("startedAt").asText(null));
    o.set("git", r.root().has("git") ? r.root().path("git").deepCopy() : null);
    o.set("machine", r.root().has("machine") ? r.machine().deepCopy() : null);
    o.put("hasFigures", r.hasFigures());
    return o;
  }

  private static ObjectNode figureSide(FigureComparison.Side s) {
    if (s == null) {
      return null;
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    number(o, "value", s.value());
    number(o, "limit", s.limit());
    number(o, "ratio", s.ratio());
    o.put("limitLabel", s.limitLabel());
    return o;
  }

  private static ObjectNode targetSide(TargetComparison.Side s) {
    if (s == null) {
      return null;
    }
    return JsonNodeFactory.instance
        .objectNode()
        .put("measured", s.measured())
        .put("goal", s.goal())
        .put("grade", s.grade());
  }

  private static void number(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) {
      o.put(name, v);
    } else {
      o.putNull(name);
    }
  }
}
