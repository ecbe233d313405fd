package news.ticker.bench;

import java.time.Duration;
import java.util.List;

/**
 * Every size and time of a run; {@link #quick()} and {@link #full()} are the two modes, and options
 * override single values. Every loop of the harness is bounded by one of these.
 */
public record Settings(
    // before everything: traffic that warms the services' JIT up, unmeasured
    Duration stackWarmup,
    // 1 publish-to-screen
    List<Integer> readers,
    List<Integer> rates,
    Duration pushWindow,
    Duration pushGrace,
    Duration kafkaLatencyWindow,
    int maxConcurrentConnects,
    // 2 write throughput
    int writeStories,
    int writeClients,
    Duration writeWarmup,
    Duration writeWindow,
    Duration projectionTimeout,
    Duration kafkaProducerWindow,
    Duration postgresWindow,
    int postgresConnections,
    // 3 feed reads
    int feedUpdates,
    int feedConcurrency,
    Duration feedWarmup,
    Duration feedWindow,
    // 4 replay
    long replayEvents,
    int eventsPerStory,
    // until the live groups have read earlier scenarios' records, before they are moved to the end
    Duration catchUpTimeout,
    Duration rebuildTimeout,
    Duration consumerTimeout,
    // 5 real blog
    double pace,
    Duration blogTimeout,
    // 6 election night
    int electionStories,
    double electionRate,
    int electionReaders,
    Duration electionWindow,
    double electionZipf,
    double electionReconnectShare,
    // 2 write throughput: single-story open-loop cells (no readers), each for its window
    List<Integer> singleStoryRates,
    Duration singleStoryWindow) {

  public static Settings quick() {
    return new Settings(
        Duration.ofSeconds(4),
        List.of(100, 1_000),
        List.of(10, 100),
        Duration.ofSeconds(3),
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        200,
        40,
        32,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(8),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        16,
        40,
        32,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        100_000,
        200,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        3000,
        Duration.ofSeconds(60),
        100,
        50,
        500,
        Duration.ofSeconds(30),
        1.1,
        0.05,
        List.of(100, 1_000),
        Duration.ofSeconds(2));
  }

  public static Settings full() {
    return new Settings(
        Duration.ofSeconds(45),
        List.of(100, 1_000, 10_000),
        List.of(10, 100),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        200,
        200,
        64,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(180),
        Duration.ofSeconds(20),
        Duration.ofSeconds(20),
        16,
        200,
        64,
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        1_000_000,
        200,
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        Duration.ofMinutes(5),
        1000,
        Duration.ofMinutes(5),
        100,
        50,
        5_000,
        Duration.ofMinutes(5),
        1.1,
        0.05,
        List.of(100, 1_000),
        Duration.ofSeconds(30));
  }

  /** The mode's settings with the options' overrides. */
  public static Settings of(Options options) {
    Settings s = options.quick() ? quick() : full();
    Duration window =
        options.windowSeconds() == null ? null : Duration.ofSeconds(options.windowSeconds());
    return new Settings(
        s.stackWarmup,
        options.readers() != null ? options.readers() : s.readers,
        options.rates() != null ? options.rates() : s.rates,
        window != null ? window : s.pushWindow,
        s.pushGrace,
        window != null ? window : s.kafkaLatencyWindow,
        s.maxConcurrentConnects,
        s.writeStories,
        s.writeClients,
        s.writeWarmup,
        window != null ? window : s.writeWindow,
        s.projectionTimeout,
        window != null ? window : s.kafkaProducerWindow,
        window != null ? window : s.postgresWindow,
        s.postgresConnections,
        s.feedUpdates,
        s.feedConcurrency,
        s.feedWarmup,
        window != null ? window : s.feedWindow,
        options.replayEvents() != null ? options.replayEvents() : s.replayEvents,
        s.eventsPerStory,
        s.catchUpTimeout,
        s.rebuildTimeout,
        s.consumerTimeout,
        Double.isNaN(options.pace()) ? s.pace : options.pace(),
        s.blogTimeout,
        s.electionStories,
        s.electionRate,
        s.electionReaders,
        s.electionWindow,
        s.electionZipf,
        s.electionReconnectShare,
        s.singleStoryRates,
        window != null ? window : s.singleStoryWindow);
  }
}
