package news.ticker.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.ticker.bench.profile.JfrReader;
import news.ticker.bench.profile.ProfileAggregator;
import news.ticker.bench.profile.Profiles;
import news.ticker.bench.profile.ServiceProfile;

/**
 * Records stack services with Java Flight Recorder while a scenario runs ({@code --profile}): a
 * recording started and stopped with {@code jcmd}, with the bench's own settings ({@code
 * ticker-bench.jfc}: CPU samples with stacks, lock waits and I/O over 1 ms, GC pauses), kept as
 * {@code <run>/profiles/<scenario>-<service>.jfr} and summarised by {@link ProfileAggregator}.
 *
 * <p>The pids are given to each {@link #start(Map, List, String)}, so a service restarted between
 * scenarios is recorded under its new pid; a recording is stopped on the JVM it was started on.
 */
public final class Profiler {

  /** The settings file, a resource of the bench. */
  public static final String SETTINGS_RESOURCE = "/news/ticker/bench/profile/ticker-bench.jfc";

  /** The recordings' folder, under the run's folder. */
  public static final String FOLDER = "profiles";

  private record Running(String scenario, String service, long pid, String name, Path file) {}

  private final Path runDir;
  private final List<Running> running = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Path settings;

  /** A profiler that keeps its recordings under {@code runDir/profiles}. */
  public Profiler(Path runDir) {
    this.runDir = runDir.toAbsolutePath();
  }

  /**
   * Starts a recording on each of these services that has a pid; answers the ones started. A
   * service that cannot be recorded is named in the profiles' notes, never an exception.
   */
  public List<String> start(Map<String, Long> pids, List<String> services, String scenario) {
    List<String> started = new ArrayList<>();
    Path dir = runDir.resolve(FOLDER);
    try {
      Files.createDirectories(dir);
      if (settings == null) {
        settings = extractSettings(dir);
      }
    } catch (IOException e) {
      notes.add("Not profiled: cannot write the JFR settings to " + dir + ": " + e);
      return started;
    }
    for (String service : services) {
      Long pid = pids.get(service);
      if (pid == null) {
        notes.add(service + " not profiled: it was not running.");
        continue;
      }
      if (record(scenario, service, pid, dir.resolve(fileName(scenario, service)))) {
        started.add(service);
      }
    }
    return started;
  }

  /**
   * Follows services that a scenario restarted (replay stops the live services and starts them
   * again): each recorded service whose pid changed gets a new recording on its new JVM, reported
   * as "{@code <service> (restarted)}", so the work after the restart (the rebuild) has its profile
   * too. Answers the services followed.
   */
  public List<String> follow(Map<String, Long> pids) {
    Map<String, Running> latest = new java.util.LinkedHashMap<>();
    for (Running r : running) {
      latest.put(base(r.service()), r);
    }
    List<String> followed = new ArrayList<>();
    for (Map.Entry<String, Running> e : latest.entrySet()) {
      String service = e.getKey();
      Running last = e.getValue();
      Long pid = pids.get(service);
      if (pid == null || pid == last.pid()) {
        continue;
      }
      long n = running.stream().filter(r -> base(r.service()).equals(service)).count();
      Path file =
          runDir
              .resolve(FOLDER)
              .resolve(last.scenario() + "-" + service + "-restarted-" + n + ".jfr");
      if (record(last.scenario(), service + RESTARTED, pid, file)) {
        followed.add(service);
      }
    }
    return followed;
  }

  private static String base(String service) {
    return service.endsWith(RESTARTED)
        ? service.substring(0, service.length() - RESTARTED.length())
        : service;
  }

  private static final String RESTARTED = " (restarted)";

  private boolean record(String scenario, String service, long pid, Path file) {
    String name = "ticker-bench-" + scenario;
    Jcmd r =
        jcmd(
            pid,
            "JFR.start",
            "name=" + name,
            "settings=" + settings,
            "filename=" + file,
            "dumponexit=true");
    if (r.ok()) {
      running.add(new Running(scenario, service, pid, name, file));
      return true;
    }
    notes.add(service + " not profiled: jcmd JFR.start failed: " + r.output());
    return false;
  }

  /** Stops the recordings, reads them and answers their profiles. */
  public Profiles stop() {
    List<ServiceProfile> out = new ArrayList<>();
    List<String> stopNotes = new ArrayList<>(notes);
    for (Running r : running) {
      List<String> own = new ArrayList<>();
      Jcmd stopped = jcmd(r.pid(), "JFR.stop", "name=" + r.name());
      if (!stopped.ok()) {
        // A JVM that exited normally wrote its recording as it stopped.
        own.add(
            "jcmd JFR.stop failed ("
                + stopped.output()
                + "); the service may have restarted during the scenario, so its recording covers"
                + " the scenario only until then.");
      }
      if (!Files.isRegularFile(r.file())) {
        stopNotes.add(r.service() + ": no recording was written. " + String.join(" ", own));
        continue;
      }
      ProfileAggregator aggregator = new ProfileAggregator();
      try {
        JfrReader.read(r.file(), aggregator);
      } catch (IOException | RuntimeException e) {
        own.add("The recording could not be read to its end: " + e);
      }
      out.add(
          aggregator.profile(
              r.scenario(), r.service(), runDir.relativize(r.file()).toString(), own));
    }
    running.clear();
    notes.clear();
    return new Profiles(
        FOLDER, settings == null ? "" : runDir.relativize(settings).toString(), out, stopNotes);
  }

  /** {@code <scenario>-<service>.jfr}. */
  static String fileName(String scenario, String service) {
    return scenario + "-" + service + ".jfr";
  }

  /** Writes the settings resource to {@code dir/ticker-bench.jfc}, where jcmd can read it. */
  static Path extractSettings(Path dir) throws IOException {
    Path file = dir.resolve("ticker-bench.jfc").toAbsolutePath();
    try (InputStream in = Profiler.class.getResourceAsStream(SETTINGS_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + SETTINGS_RESOURCE + " missing from the bench");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private record Jcmd(boolean ok, String output) {}

  private static Jcmd jcmd(long pid, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("jcmd");
    cmd.add(Long.toString(pid));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Jcmd(false, "jcmd timed out");
      }
      boolean ok = p.exitValue() == 0 && !out.contains("Could not") && !out.contains("Exception");
      return new Jcmd(ok, lastLine(out));
    } catch (IOException e) {
      return new Jcmd(false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Jcmd(false, "interrupted");
    }
  }

  private static String lastLine(String out) {
    String[] lines = out.split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
