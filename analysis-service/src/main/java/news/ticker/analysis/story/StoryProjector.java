package news.ticker.analysis.story;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.StoryClosed;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRetracted;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Applies one story event to the projection, in one transaction with the story's version, so a
 * redelivered or republished event (same or lower version) changes nothing.
 *
 * <p>Writes are upserts rather than inserts: a story or update may show up first through a later
 * event (when an earlier one was dead-lettered), and two replicas may briefly apply the same record
 * during a rebalance; neither must fail the event.
 */
@ApplicationScoped
public class StoryProjector {

  private static final Logger LOG = Logger.getLogger(StoryProjector.class);

  @Inject AnchorRetractionListener retractions;

  /**
   * Applies the event unless the story already is at its version or later.
   *
   * @return whether the event was applied (false for a duplicate)
   */
  @WithTransaction
  public Uni<Boolean> apply(EventEnvelope envelope) {
    if (!(envelope.data() instanceof StoryEvent event)) {
      throw new IllegalArgumentException(
          "not a story event: " + envelope.type().ceType() + " " + envelope.id());
    }
    return Panache.getSession()
        .chain(
            session ->
                ensureStory(session, event.storyId(), envelope.time())
                    .chain(() -> lockedVersion(session, event.storyId()))
                    .chain(
                        applied -> {
                          long version = envelope.streamVersion();
                          if (version <= applied) {
                            LOG.debugf(
                                "story %s: skipping %s at version %d, already at %d",
                                event.storyId(), envelope.type().name(), version, applied);
                            return Uni.createFrom().item(false);
                          }
                          if (version != applied + 1) {
                            // Only a dead-lettered or lost event leaves a gap; applying what
                            // follows keeps the projection as close to the truth as it can be.
                            LOG.warnf(
                                "story %s: version %d follows %d; %d event(s) missing",
                                event.storyId(), version, applied, version - applied - 1);
                          }
                          return applyEvent(session, event)
                              .chain(
                                  () ->
                                      session
                                          .createNativeQuery(
                                              "update story set version = ?1, updated_at = ?2"
                                                  + " where id = ?3")
                                          .setParameter(1, version)
                                          .setParameter(2, envelope.time())
                                          .setParameter(3, event.storyId())
                                          .executeUpdate())
                              .replaceWith(true);
                        }));
  }

  private Uni<Void> applyEvent(Mutiny.Session session, StoryEvent event) {
    if (event instanceof StoryClosed) {
      return session
          .createNativeQuery("update story set status = 'CLOSED' where id = ?1")
          .setParameter(1, event.storyId())
          .executeUpdate()
          .replaceWithVoid();
    }
    if (event instanceof UpdatePosted posted) {
      return session
          .createNativeQuery(
              "insert into story_update (id, story_id, retracted) values (?1, ?2, false)"
                  + " on conflict (id) do nothing")
          .setParameter(1, posted.updateId())
          .setParameter(2, posted.storyId())
          .executeUpdate()
          .replaceWithVoid();
    }
    if (event instanceof UpdateRetracted retracted) {
      return session
          .createNativeQuery(
              "insert into story_update (id, story_id, retracted, retracted_at)"
                  + " values (?1, ?2, true, ?3)"
                  + " on conflict (id) do update set retracted = true,"
                  + " retracted_at = coalesce(story_update.retracted_at, excluded.retracted_at)")
          .setParameter(1, retracted.updateId())
          .setParameter(2, retracted.storyId())
          .setParameter(3, retracted.occurredAt())
          .executeUpdate()
          .chain(() -> retractions.updateRetracted(session, retracted.updateId()));
    }
    // Opening only needs the row ensureStory made; every other event only moves the version.
    return Uni.createFrom().voidItem();
  }

  /** Makes sure the story has a row to lock: version 0 until its first event is applied. */
  private static Uni<Integer> ensureStory(Mutiny.Session session, UUID storyId, Instant time) {
    return session
        .createNativeQuery(
            "insert into story (id, status, version, updated_at) values (?1, 'OPEN', 0, ?2)"
                + " on conflict (id) do nothing")
        .setParameter(1, storyId)
        .setParameter(2, time)
        .executeUpdate();
  }

  /** The story's applied version, locking its row until commit so events of a story serialise. */
  private static Uni<Long> lockedVersion(Mutiny.Session session, UUID storyId) {
    return session
        .createNativeQuery("select version from story where id = ?1 for update", Long.class)
        .setParameter(1, storyId)
        .getSingleResult();
  }
}
