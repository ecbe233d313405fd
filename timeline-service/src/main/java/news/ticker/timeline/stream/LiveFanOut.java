package news.ticker.timeline.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.changes.ChangeLogNotice;
import news.ticker.timeline.changes.CommittedChanges;
import news.ticker.timeline.readmodel.Generations;

/**
 * The in-memory fan-out of live changes to this replica's SSE clients, one {@link StoryChannel} per
 * story that has clients here. It is told that a story moved on by two sources: this replica's
 * projection right after it commits, and the {@link LiveFollower}, which sees every event on Kafka
 * (also those projected by other replicas). A local batch hands its committed changes over in
 * memory; otherwise the channel reads the new rows from the change log. Either way an SSE frame is
 * exactly the stored change. This is the only state that is local to a replica; everything a client
 * needs to resume is in the database.
 *
 * <p>Each channel keeps its story's newest frames for clients that catch up. They are used only
 * while this replica hears of every change rewritten in place ({@link ChangeLogNotice}, from the
 * listener of the read cache): a redaction must reach them as it reaches the database.
 */
@ApplicationScoped
public class LiveFanOut implements CommittedChanges {

  @Inject ChangeLog changeLog;
  @Inject Generations generations;
  @Inject TimelineConfig config;
  @Inject MeterRegistry registry;
  @Inject Vertx vertx;

  private final Map<UUID, StoryChannel> channels = new ConcurrentHashMap<>();
  private Timer publishToScreen;
  private Counter catchUpFromMemory;
  private Counter catchUpFromLog;
  private volatile boolean listening;
  private KeptFrames.Budget kept;

  @PostConstruct
  void metrics() {
    publishToScreen =
        Timer.builder("ticker.timeline.publish.to.screen")
            .description(
                "From the event's ce_time at ingest to its SSE frame written on this replica")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    registry.gaugeMapSize("ticker.timeline.live.stories", java.util.List.of(), channels);
    kept = new KeptFrames.Budget(config.live().recentBytesTotal());
    Gauge.builder("ticker.timeline.live.kept.bytes", kept, KeptFrames.Budget::used)
        .description("Bytes of SSE frames this replica keeps for clients that catch up")
        .register(registry);
    catchUpFromMemory = catchUps("memory");
    catchUpFromLog = catchUps("log");
  }

  private Counter catchUps(String source) {
    return Counter.builder("ticker.timeline.sse.catch.up")
        .description(
            "Catch-up steps of SSE clients: from the frames this replica keeps (memory) or from the"
                + " change log (log)")
        .tag("source", source)
        .register(registry);
  }

  /** A stored change was rewritten, or this replica may have missed such rewrites. */
  void heard(@Observes ChangeLogNotice notice) {
    if (notice instanceof ChangeLogNotice.Rewritten rewritten) {
      StoryChannel channel = channels.get(rewritten.storyId());
      if (channel != null) {
        channel.rewritten(rewritten.version());
      }
    } else if (notice instanceof ChangeLogNotice.Listening now) {
      listening = now.listening();
      channels.values().forEach(StoryChannel::mayHaveMissed);
    }
  }

  /**
   * The frames of the story kept in memory after {@code version}, if they are every change after it
   * that the channel delivered and this replica hears of every rewrite; null: read the change log.
   */
  List<ChangeFrame> recentAfter(StoryChannel channel, long version) {
    List<ChangeFrame> frames =
        listening ? channel.recentAfter(version, generations.active()) : null;
    (frames == null ? catchUpFromLog : catchUpFromMemory).increment();
    return frames;
  }

  /** This replica's projection committed the story up to {@code version}. */
  @Override
  public void committed(int generation, UUID storyId, long version) {
    if (generation == generations.active()) {
      StoryChannel channel = channels.get(storyId);
      if (channel != null) {
        channel.committed(version);
      }
    }
  }

  /**
   * This replica's projection committed these changes of the story, up to {@code version}: they go
   * to the story's clients from memory, with no read of the change log.
   */
  @Override
  public void committed(int generation, UUID storyId, long version, List<ChangeLog.Entry> changes) {
    if (generation == generations.active()) {
      StoryChannel channel = channels.get(storyId);
      if (channel != null) {
        channel.committed(generation, version, changes);
      }
    }
  }

  /** The story reached {@code version} on Kafka (it may not be projected yet). */
  public void seen(UUID storyId, long version) {
    StoryChannel channel = channels.get(storyId);
    if (channel != null) {
      channel.seen(version);
    }
  }

  /** Joins a client to its story's channel, creating the channel for the first client. */
  StoryChannel join(UUID storyId, StreamSession session) {
    while (true) {
      StoryChannel channel =
          channels.computeIfAbsent(
              storyId,
              id ->
                  new StoryChannel(
                      id,
                      new StoryChannel.Log() {
                        @Override
                        public int generation() {
                          return generations.active();
                        }

                        @Override
                        public Uni<Long> lastVersion(int generation) {
                          return changeLog.lastVersion(generation, id);
                        }

                        @Override
                        public Uni<List<ChangeLog.Entry>> after(
                            int generation, long version, int max) {
                          return changeLog.after(generation, id, version, max, false);
                        }
                      },
                      config.live().projectionWait(),
                      publishToScreen,
                      (millis, task) -> vertx.setTimer(millis, timer -> task.run()),
                      config.live().recentBytes(),
                      kept));
      if (channel.add(session)) {
        return channel;
      }
      // The channel closed as its last client left; make a new one.
      channels.remove(storyId, channel);
    }
  }

  /** A client left; the channel closes with its last client. */
  void leave(StoryChannel channel, StreamSession session) {
    if (channel.remove(session)) {
      channels.remove(channel.storyId(), channel);
    }
  }

  /** Stories with clients on this replica. */
  public int liveStories() {
    return channels.size();
  }
}
