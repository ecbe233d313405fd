package news.ticker.analysis.story;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import news.ticker.analysis.AnalysisConfig;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What the projection knows about the story and update an analysis refers to. A story opened a
 * moment ago may not have reached the projection yet, so {@link #await} looks again for a while
 * before calling a reference unknown; it polls on Vert.x timers, so a waiting request holds neither
 * a thread nor a database connection.
 */
@ApplicationScoped
public class StoryReferences {

  @Inject AnalysisConfig config;
  @Inject Vertx vertx;

  /**
   * What the projection knows about a story and, optionally, one of its updates.
   *
   * @param story the story, or null when unknown
   * @param update the update (of any story), or null when unknown or not asked for
   */
  public record Known(Story story, StoryUpdate update) {

    boolean complete(UUID updateId) {
      return story != null && (updateId == null || update != null);
    }
  }

  /**
   * Waits until the story (and the update, when given) are in the projection, or until the
   * configured wait is over; answers with what is known by then. Must be called on a Vert.x context
   * (a REST request is on one).
   */
  public Uni<Known> await(UUID storyId, UUID updateId) {
    long deadline = System.nanoTime() + config.referenceWait().toNanos();
    return lookUp(storyId, updateId, deadline);
  }

  /**
   * Reads and share-locks the references in the caller's transaction, so an update cannot be
   * retracted between this check and the commit that anchors an analysis at it: the retraction
   * waits for the commit, then marks that analysis too.
   */
  public Uni<Known> lockForAnchoring(Mutiny.Session session, UUID storyId, UUID updateId) {
    Uni<Story> story = session.find(Story.class, storyId);
    if (updateId == null) {
      return story.map(s -> new Known(s, null));
    }
    return story.chain(
        s ->
            session
                .createNativeQuery(
                    "select * from story_update where id = ?1 for share", StoryUpdate.class)
                .setParameter(1, updateId)
                .getResultList()
                .map(updates -> new Known(s, updates.isEmpty() ? null : updates.get(0))));
  }

  private Uni<Known> lookUp(UUID storyId, UUID updateId, long deadline) {
    return read(storyId, updateId)
        .chain(
            known -> {
              long remaining = deadline - System.nanoTime();
              if (known.complete(updateId) || remaining <= 0) {
                return Uni.createFrom().item(known);
              }
              long pause =
                  Math.max(
                      1,
                      Math.min(
                          config.referencePollInterval().toMillis(),
                          Duration.ofNanos(remaining).toMillis()));
              return delay(pause).chain(() -> lookUp(storyId, updateId, deadline));
            });
  }

  @WithSession
  Uni<Known> read(UUID storyId, UUID updateId) {
    Uni<Story> story = Story.findById(storyId);
    Uni<StoryUpdate> update =
        updateId == null ? Uni.createFrom().nullItem() : StoryUpdate.findById(updateId);
    return story.chain(s -> update.map(u -> new Known(s, u)));
  }

  /** Completes after the pause, on the caller's Vert.x context. */
  private Uni<Void> delay(long millis) {
    return Uni.createFrom()
        .emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
  }
}
