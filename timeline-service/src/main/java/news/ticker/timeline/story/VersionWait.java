package news.ticker.timeline.story;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.retry.VertxDelays;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.readmodel.Generations;

/**
 * {@code ?minVersion=}: a newsroom tool reads its own write. The read waits (without holding a
 * thread) until the story's view reached the version, up to {@code
 * ticker.timeline.min-version.max-wait}, then answers 503 with {@code Retry-After}.
 */
@ApplicationScoped
public class VersionWait {

  @Inject Pool pool;
  @Inject Generations generations;
  @Inject TimelineConfig config;

  public Uni<Void> awaitVersion(UUID storyId, Long minVersion) {
    if (minVersion == null || minVersion <= 0) {
      return Uni.createFrom().voidItem();
    }
    Instant deadline = Instant.now().plus(config.minVersion().maxWait());
    return poll(storyId, minVersion, deadline);
  }

  private Uni<Void> poll(UUID storyId, long minVersion, Instant deadline) {
    return pool.preparedQuery(
            "select applied_version from story_progress where generation = $1 and story_id = $2")
        .execute(Tuple.of(generations.active(), storyId))
        .chain(
            rows -> {
              long applied = rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
              if (applied >= minVersion) {
                return Uni.createFrom().voidItem();
              }
              if (Instant.now().isAfter(deadline)) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.notYet(
                            "story "
                                + storyId
                                + " is at version "
                                + applied
                                + ", not yet at "
                                + minVersion,
                            config.minVersion().retryAfterSeconds()));
              }
              return VertxDelays.delay(config.minVersion().pollInterval())
                  .chain(() -> poll(storyId, minVersion, deadline));
            });
  }
}
