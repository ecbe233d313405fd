package news.ticker.bench;

import java.nio.file.Path;
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
