package news.ticker.timeline.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.changes.ChangeLog;
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
        channel.committed(version, changes);
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
                        public Uni<Long> lastVersion() {
                          return changeLog.lastVersion(generations.active(), id);
                        }

                        @Override
                        public Uni<List<ChangeLog.Entry>> after(long version, int max) {
                          return changeLog.after(generations.active(), id, version, max, false);
                        }
                      },
                      config.live().projectionWait(),
                      publishToScreen,
                      (millis, task) -> vertx.setTimer(millis, timer -> task.run())));
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
