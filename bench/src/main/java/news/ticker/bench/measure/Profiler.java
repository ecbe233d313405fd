package news.ticker.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles stack components while a scenario runs ({@code --profile}): a Java Flight Recorder
 * recording started and stopped with {@code jcmd}, then summarised: where the CPU samples fall (by
 * library, judged by the innermost frame that belongs to a known one), the hottest methods, and
 * garbage-collection pauses.
 */
public final class Profiler {

  /** Libraries by package prefix, the first match from the innermost frame outwards. */
  static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("com.fasterxml.jackson", "JSON (Jackson)");
    CATEGORIES.put("javax.crypto", "crypto");
    CATEGORIES.put("com.sun.crypto", "crypto");
    CATEGORIES.put("sun.security", "crypto");
    CATEGORIES.put("org.jsoup", "HTML sanitising (jsoup)");
    CATEGORIES.put("org.hibernate", "Hibernate");
    CATEGORIES.put("io.vertx.pgclient", "PostgreSQL client");
    CATEGORIES.put("io.vertx.sqlclient", "PostgreSQL client");
    CATEGORIES.put("org.postgresql", "PostgreSQL client");
    CATEGORIES.put("org.apache.kafka", "Kafka client");
    CATEGORIES.put("io.smallrye.reactive.messaging", "Reactive Messaging");
    CATEGORIES.put("io.smallrye.mutiny", "Mutiny");
    CATEGORIES.put("org.jboss.resteasy", "REST (RESTEasy)");
    CATEGORIES.put("io.quarkus.vertx.http", "HTTP (Quarkus)");
    CATEGORIES.put("io.vertx.core.http", "HTTP (Vert.x)");
    CATEGORIES.put("io.netty", "network (Netty)");
    CATEGORIES.put("io.micrometer", "metrics");
    CATEGORIES.put("io.smallrye.jwt", "JWT");
    CATEGORIES.put("org.jose4j", "JWT");
    CATEGORIES.put("org.jboss.logmanager", "logging");
    CATEGORIES.put("news.ticker", "Ticker code");
    CATEGORIES.put("io.quarkus", "Quarkus");
    CATEGORIES.put("io.vertx", "Vert.x");
    CATEGORIES.put("java.util.regex", "regex");
    CATEGORIES.put("java.", "JDK");
    CATEGORIES.put("jdk.", "JDK");
    CATEGORIES.put("sun.", "JDK");
  }

  /** A summary of one recording. */
  public record Summary(
      String component,
      long samples,
      Map<String, Long> byCategory,
      Map<String, Long> hotMethods,
      Map<String, Long> hotTickerMethods,
      long gcPauses,
      double gcPauseMs,
      double seconds) {}

  private final Path dir;
  private final Map<String, Long> pids;
  private final Map<String, Path> running = new HashMap<>();

  public Profiler(Path dir, Map<String, Long> pids) {
    this.dir = dir;
    this.pids = pids;
  }

  /** Starts a recording on each of these components that runs; answers the ones started. */
  public List<String> start(List<String> components, String name) {
    List<String> started = new ArrayList<>();
    for (String c : components) {
      Long pid = pids.get(c);
      if (pid == null) {
        continue;
      }
      Path file = dir.resolve(c + "-" + name + ".jfr").toAbsolutePath();
      try {
        Files.createDirectories(dir);
        if (jcmd(pid, "JFR.start", "name=ticker-bench", "settings=profile", "filename=" + file)) {
          running.put(c, file);
          started.add(c);
        }
      } catch (IOException e) {
        // not profiled
      }
    }
    return started;
  }

  /** Stops the recordings and summarises them. */
  public List<Summary> stop() {
    List<Summary> out = new ArrayList<>();
    for (Map.Entry<String, Path> e : running.entrySet()) {
      Long pid = pids.get(e.getKey());
      if (pid != null && jcmd(pid, "JFR.stop", "name=ticker-bench")) {
        try {
          out.add(summarize(e.getKey(), e.getValue(), 15));
        } catch (IOException | RuntimeException ex) {
          // unreadable recording: skipped
        }
      }
    }
    running.clear();
    return out;
  }

  private static boolean jcmd(long pid, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("jcmd");
    cmd.add(Long.toString(pid));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0 && !out.contains("Could not") && !out.contains("Exception");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Summarises a recording's CPU samples and GC pauses. */
  public static Summary summarize(String component, Path file, int top) throws IOException {
    Map<String, Long> categories = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    Map<String, Long> ticker = new HashMap<>();
    long samples = 0;
    long pauses = 0;
    double pauseMs = 0;
    java.time.Instant first = null;
    java.time.Instant last = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        if (first == null || event.getStartTime().isBefore(first)) {
          first = event.getStartTime();
        }
        if (last == null || event.getEndTime().isAfter(last)) {
          last = event.getEndTime();
        }
        if (type.equals("jdk.ExecutionSample")) {
          RecordedStackTrace stack = event.getStackTrace();
          if (stack == null || stack.getFrames().isEmpty()) {
            continue;
          }
          samples++;
          List<RecordedFrame> frames = stack.getFrames();
          methods.merge(name(frames.get(0)), 1L, Long::sum);
          categories.merge(category(frames), 1L, Long::sum);
          for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith("news.ticker")) {
              ticker.merge(name(f), 1L, Long::sum);
              break;
            }
          }
        } else if (type.equals("jdk.GCPhasePause")) {
          pauses++;
          pauseMs += event.getDuration().toNanos() / 1e6;
        }
      }
    }
    double seconds = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
    return new Summary(
        component,
        samples,
        topOf(categories, 20),
        topOf(methods, top),
        topOf(ticker, top),
        pauses,
        pauseMs,
        seconds);
  }

  static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The category of the innermost frame that belongs to a known library. */
  static String category(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String c = categoryOf(f.getMethod().getType().getName());
      if (c != null && !c.equals("JDK")) {
        return c;
      }
    }
    return "JDK";
  }

  static String categoryOf(String className) {
    for (Map.Entry<String, String> e : CATEGORIES.entrySet()) {
      if (className.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  static Map<String, Long> topOf(Map<String, Long> counts, int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
