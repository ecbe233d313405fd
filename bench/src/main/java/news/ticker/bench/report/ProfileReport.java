package news.ticker.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.ticker.bench.profile.Frames;
import news.ticker.bench.profile.ProfileAggregator;
import news.ticker.bench.profile.Profiles;
import news.ticker.bench.profile.Ranked;
import news.ticker.bench.profile.ServiceProfile;

/**
 * Adds the services' Java Flight Recorder profiles to a scenario's report: per service, an overview
 * (samples, waits, I/O, GC pauses), the hottest methods by self time, the hottest stacks (12
 * innermost frames), the CPU by library, and the stacks that waited or did I/O longest. The same
 * figures go to results.json under the scenario's {@code "profiles"}.
 */
public final class ProfileReport {

  private ProfileReport() {}

  public static void add(ScenarioReport report, Profiles profiles) {
    if (profiles.services().isEmpty() && profiles.notes().isEmpty()) {
      return;
    }
    ObjectNode root = report.json().putObject("profiles");
    root.put("folder", profiles.folder());
    root.put("settings", profiles.settings());
    root.put("stackDepth", ProfileAggregator.DEPTH);
    root.putPOJO("notes", profiles.notes());
    ArrayNode services = root.putArray("services");
    for (ServiceProfile s : profiles.services()) {
      json(services.addObject(), s);
      tables(report, s);
      for (String n : s.notes()) {
        report.note("Profile of " + s.service() + ": " + n);
      }
    }
    for (String n : profiles.notes()) {
      report.note("Profiles: " + n);
    }
    if (!profiles.services().isEmpty()) {
      report.note(
          "Profiled with Java Flight Recorder ("
              + profiles.settings()
              + ": CPU samples every 10 ms, native samples every 20 ms, lock waits and I/O calls of"
              + " 1 ms or more, every GC pause). Stacks read leaf first, each frame called by the"
              + " next (←), cut to their "
              + ProfileAggregator.DEPTH
              + " innermost frames; the recordings are in "
              + profiles.folder()
              + "/ (open them with JDK Mission Control or `jfr print`). Recording costs a little"
              + " CPU: use the profiles to explain a figure, not as the figure.");
    }
  }

  private static void tables(ScenarioReport report, ServiceProfile s) {
    String who = s.service();
    ServiceProfile.Cpu cpu = s.cpu();
    List<List<String>> overview = new ArrayList<>();
    overview.add(List.of("recording", "`" + s.file() + "`", Format.seconds(s.seconds())));
    overview.add(List.of("CPU samples (threads in Java code)", Format.count(cpu.samples()), ""));
    overview.add(
        List.of(
            "native samples (threads in native code)",
            Format.count(s.nativeCode().samples()),
            Format.count(s.nativeCode().idleSamples()) + " idle (waiting in epoll, accept…)"));
    for (ServiceProfile.Total t : s.waits().byType()) {
      overview.add(total(t, "≥ 1 ms"));
    }
    ServiceProfile.Total idle = s.waits().idle();
    overview.add(
        List.of(
            "of those waits, threads waiting for work (pools, timers, Kafka heartbeat)",
            Format.count(idle.count()),
            Format.seconds(idle.seconds())));
    for (ServiceProfile.Total t : s.io().byType()) {
      overview.add(total(t, "≥ 1 ms"));
    }
    ServiceProfile.Gc gc = s.gc();
    overview.add(
        List.of(
            "GC pauses (collections: " + Format.count(gc.collections()) + ")",
            Format.count(gc.pauses()),
            gc.pauses() == 0
                ? ""
                : "sum "
                    + Format.ms(gc.sumMs())
                    + ", p99 "
                    + Format.ms(gc.p99Ms())
                    + ", max "
                    + Format.ms(gc.maxMs())));
    if (s.truncatedStacks() > 0) {
      overview.add(
          List.of(
              "stacks deeper than JFR's depth (innermost frames kept)",
              Format.count(s.truncatedStacks()),
              ""));
    }
    report.table(
        new ScenarioReport.Table(
            "Profile of " + who + " (Java Flight Recorder)",
            List.of("what", "events", "time"),
            overview));
    if (cpu.samples() == 0) {
      return;
    }
    List<List<String>> methods = new ArrayList<>();
    for (Ranked r : cpu.topMethods()) {
      methods.add(List.of(code(r.key().frames()), Format.percent(r.share(cpu.samples()))));
    }
    report.table(
        new ScenarioReport.Table(
            who + ": hottest methods (self time, share of CPU samples)",
            List.of("method", "share"),
            methods));
    List<List<String>> stacks = new ArrayList<>();
    for (Ranked r : cpu.topStacks()) {
      stacks.add(List.of(Format.percent(r.share(cpu.samples())), code(r.key().frames())));
    }
    report.table(
        new ScenarioReport.Table(
            who
                + ": hottest stacks ("
                + ProfileAggregator.DEPTH
                + " innermost frames, leaf first; share of CPU samples)",
            List.of("share", "stack"),
            stacks));
    List<List<String>> libraries = new ArrayList<>();
    for (Map.Entry<String, Long> e : cpu.byLibrary().entrySet()) {
      libraries.add(List.of(e.getKey(), Format.percent(e.getValue() / (double) cpu.samples())));
    }
    report.table(
        new ScenarioReport.Table(
            who + ": CPU by the innermost library on the stack",
            List.of("library", "share of samples"),
            libraries));
    if (!s.waits().topStacks().isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              who + ": longest waits by stack (≥ 1 ms, threads waiting for work left out)",
              List.of("event", "count", "total", "stack"),
              timed(s.waits().topStacks())));
    }
    if (!s.io().topStacks().isEmpty()) {
      report.table(
          new ScenarioReport.Table(
              who + ": longest I/O by stack (calls ≥ 1 ms)",
              List.of("event", "count", "total", "stack"),
              timed(s.io().topStacks())));
    }
    if (!s.nativeCode().topStacks().isEmpty()) {
      long busy = s.nativeCode().samples() - s.nativeCode().idleSamples();
      List<List<String>> rows = new ArrayList<>();
      for (Ranked r : s.nativeCode().topStacks()) {
        rows.add(List.of(Format.percent(r.share(busy)), code(r.key().frames())));
      }
      report.table(
          new ScenarioReport.Table(
              who + ": native code by stack (system calls; share of the non-idle native samples)",
              List.of("share", "stack"),
              rows));
    }
  }

  private static List<String> total(ServiceProfile.Total t, String threshold) {
    return List.of(
        t.type() + " " + threshold,
        Format.count(t.count()),
        t.count() == 0 ? "" : Format.seconds(t.seconds()));
  }

  private static List<List<String>> timed(List<Ranked> ranked) {
    List<List<String>> rows = new ArrayList<>();
    for (Ranked r : ranked) {
      rows.add(
          List.of(
              r.key().kind(),
              Format.count(r.count()),
              duration(r.nanos()),
              code(r.key().frames())));
    }
    return rows;
  }

  /** Milliseconds under a second, seconds above. */
  static String duration(long nanos) {
    return nanos < 1_000_000_000L ? Format.ms(nanos / 1e6) : Format.seconds(nanos / 1e9);
  }

  /** A stack (or one method) as one code span, short names, leaf first. */
  static String code(List<String> frames) {
    return frames.isEmpty() ? "(no stack)" : "`" + Frames.render(frames) + "`";
  }

  private static void json(ObjectNode j, ServiceProfile s) {
    j.put("service", s.service());
    j.put("file", s.file());
    j.put("seconds", round(s.seconds()));
    j.put("truncatedStacks", s.truncatedStacks());
    ObjectNode cpu = j.putObject("cpu");
    cpu.put("samples", s.cpu().samples());
    ArrayNode methods = cpu.putArray("topMethods");
    for (Ranked r : s.cpu().topMethods()) {
      ObjectNode m = methods.addObject();
      m.put("method", r.key().frames().isEmpty() ? "" : r.key().frames().get(0));
      m.put("samples", r.count());
      m.put("share", round(r.share(s.cpu().samples())));
    }
    ArrayNode stacks = cpu.putArray("topStacks");
    for (Ranked r : s.cpu().topStacks()) {
      ObjectNode o = stacks.addObject();
      o.put("samples", r.count());
      o.put("share", round(r.share(s.cpu().samples())));
      frames(o, r.key().frames());
    }
    cpu.putPOJO("byLibrary", s.cpu().byLibrary());
    ArrayNode ticker = cpu.putArray("tickerMethods");
    for (Ranked r : s.cpu().tickerMethods()) {
      ObjectNode m = ticker.addObject();
      m.put("method", r.key().frames().get(0));
      m.put("samples", r.count());
    }
    ObjectNode nat = j.putObject("native");
    nat.put("samples", s.nativeCode().samples());
    nat.put("idleSamples", s.nativeCode().idleSamples());
    timedJson(nat.putArray("topStacks"), s.nativeCode().topStacks());
    ObjectNode waits = j.putObject("waits");
    waits.put("thresholdMs", 1);
    totalsJson(waits.putArray("byType"), s.waits().byType());
    waits.put("idleCount", s.waits().idle().count());
    waits.put("idleSeconds", round(s.waits().idle().seconds()));
    timedJson(waits.putArray("topStacks"), s.waits().topStacks());
    ObjectNode io = j.putObject("io");
    io.put("thresholdMs", 1);
    totalsJson(io.putArray("byType"), s.io().byType());
    timedJson(io.putArray("topStacks"), s.io().topStacks());
    ObjectNode gc = j.putObject("gc");
    gc.put("collections", s.gc().collections());
    gc.put("pauses", s.gc().pauses());
    gc.put("sumMs", round(s.gc().sumMs()));
    number(gc, "p99Ms", s.gc().p99Ms());
    number(gc, "maxMs", s.gc().maxMs());
    j.putPOJO("notes", s.notes());
  }

  private static void frames(ObjectNode o, List<String> frames) {
    ArrayNode arr = o.putArray("frames");
    frames.forEach(arr::add);
  }

  private static void totalsJson(ArrayNode arr, List<ServiceProfile.Total> totals) {
    for (ServiceProfile.Total t : totals) {
      ObjectNode o = arr.addObject();
      o.put("type", t.type());
      o.put("count", t.count());
      o.put("seconds", round(t.seconds()));
    }
  }

  private static void timedJson(ArrayNode arr, List<Ranked> ranked) {
    for (Ranked r : ranked) {
      ObjectNode o = arr.addObject();
      if (!r.key().kind().isEmpty()) {
        o.put("event", r.key().kind());
      }
      o.put("count", r.count());
      o.put("seconds", round(r.seconds()));
      frames(o, r.key().frames());
    }
  }

  /** A figure, null when there is none (the p99 of no pause): 0 would say something untrue. */
  private static void number(ObjectNode o, String name, double v) {
    if (Double.isNaN(v)) {
      o.putNull(name);
    } else {
      o.put(name, round(v));
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
