package news.ticker.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.KafkaBench;

/** What every scenario works with. */
public final class BenchContext implements AutoCloseable {

  private final Options options;
  private final Settings settings;
  private final Stack stack;
  private final Http http;
  private final Progress progress;
  private final Path outDir;
  private final Path tmpDir;
  private KafkaBench kafka;
  private news.ticker.bench.measure.Profiler profiler;

  public BenchContext(
      Options options, Settings settings, Stack stack, Http http, Progress progress, Path outDir) {
    this.options = options;
    this.settings = settings;
    this.stack = stack;
    this.http = http;
    this.progress = progress;
    this.outDir = outDir;
    this.tmpDir = outDir.resolve("tmp");
  }

  public Options options() {
    return options;
  }

  public Settings settings() {
    return settings;
  }

  public Stack stack() {
    return stack;
  }

  public Http http() {
    return http;
  }

  public Progress progress() {
    return progress;
  }

  public Path outDir() {
    return outDir;
  }

  /** Scratch files of this run (git-ignored: {@code bench/results/*}{@code /tmp/}). */
  public Path tmpDir() {
    return tmpDir;
  }

  public synchronized KafkaBench kafka() {
    if (kafka == null) {
      kafka = new KafkaBench(stack.kafkaBootstrap());
    }
    return kafka;
  }

  /**
   * How long the stack took to become quiet before a measurement, and the live consumers' lag when
   * the wait ended ({@code quiet} false: the wait hit its bound, or Kafka could not be asked).
   */
  public record Quiet(double seconds, Map<String, Long> lag, boolean quiet) {
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
      var j = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      j.put("seconds", Math.round(seconds * 10) / 10.0);
      j.put("quiet", quiet);
      j.putPOJO("lag", lag);
      return j;
    }
  }

  /**
   * Waits until the stack has digested what came before (the warm-up, an earlier cell or scenario):
   * the live consumers of the story events and content keys have no lag. When they had some, the
   * lag must also be zero at a second look half a second later (the outbox relay may still have
   * been publishing); a stack quiet at the first look costs one admin call. Bounded by the
   * settings' {@code catchUpTimeout}. Without it a measurement starts behind a backlog and measures
   * that backlog, not itself.
   */
  public Quiet awaitQuiet(String before) {
    long start = System.nanoTime();
    Map<String, Long> lag = new TreeMap<>();
    boolean lagged = false;
    while (true) {
      try {
        lag =
            kafka()
                .activeLags(
                    List.of(
                        news.ticker.events.Topics.STORY_EVENTS,
                        news.ticker.events.Topics.CONTENT_KEYS));
      } catch (Exception e) {
        return new Quiet(
            (System.nanoTime() - start) / 1e9,
            Map.of("unknown (" + e.getClass().getSimpleName() + ")", -1L),
            false);
      }
      long total = lag.values().stream().mapToLong(Long::longValue).sum();
      double seconds = (System.nanoTime() - start) / 1e9;
      long pause;
      if (total == 0 && !lagged) {
        return new Quiet(seconds, lag, true);
      } else if (total == 0) {
        lagged = false; // one more look: quiet if still zero
        pause = 500;
      } else {
        lagged = true;
        pause = 250;
        progress.detail("before " + before + ": the stack is digesting earlier load, lag " + lag);
      }
      if (seconds > settings.catchUpTimeout().toSeconds()) {
        return new Quiet(seconds, lag, false);
      }
      if (!sleep(pause)) {
        return new Quiet(seconds, lag, false);
      }
    }
  }

  /** The run's profiler, when it runs with {@code --profile}. */
  public void profiler(news.ticker.bench.measure.Profiler profiler) {
    this.profiler = profiler;
  }

  /**
   * A scenario restarted services: their recordings follow them to their new JVMs (a no-op without
   * {@code --profile}).
   */
  public void restarted() {
    if (profiler != null) {
      profiler.follow(stack.pids());
    }
  }

  /** Sleeps, bounded; false when interrupted. */
  public static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
