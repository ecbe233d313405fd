package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.contentkey.KeyStore;
import news.ticker.timeline.contentkey.MissingContentKeyException;
import news.ticker.timeline.readmodel.DeadLetterRow;
import news.ticker.timeline.readmodel.HeldEvent;
import news.ticker.timeline.readmodel.StoryProgress;
import news.ticker.timeline.readmodel.StoryQuery;
import news.ticker.timeline.readmodel.StorySkip;
import news.ticker.timeline.readmodel.StoryVersionKey;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Projects one story event into one generation of the read model, effectively once, inside the
 * caller's transaction.
 *
 * <p>The story's progress row is locked first; its last applied version decides: a version at or
 * below it is a duplicate or replay and changes nothing; the next version is applied (views, change
 * log and progress together); a later version means a gap: the story is held (degraded), the event
 * is parked in {@code held_event}, and so is every later one, until the missing version arrives, an
 * admin retries or skips. Other stories are unaffected. An event whose content key has not arrived
 * holds the story the same way, and continues when the key arrives.
 */
@ApplicationScoped
public class StoryProjector {

  private static final Logger LOG = Logger.getLogger(StoryProjector.class);

  @Inject KeyStore keys;
  @Inject ViewWriter views;
  @Inject AnalysisRedactions analysisRedactions;

  /** What projecting an event did to its story. */
  public record Outcome(UUID storyId, long appliedBefore, long appliedAfter, boolean held) {
    public boolean advanced() {
      return appliedAfter > appliedBefore;
    }
  }

  /** Projects an event that arrived from Kafka. */
  public Uni<Outcome> project(
      Mutiny.Session session, int generation, EventEnvelope envelope, RawEvent raw) {
    StoryEvent event = (StoryEvent) envelope.data();
    long version = envelope.streamVersion();
    // A redaction destroys the update's key here at once, whether or not its tombstone on the key
    // topic came first, and even when the story is held (e.g. waiting for that very key, which a
    // compacted topic may no longer have): the texts render redacted from now on, in every
    // generation, and a key record read later is refused.
    Uni<Void> destroyed;
    if (event instanceof StoryEvent.UpdateRedacted redacted) {
      destroyed = keys.destroy(session, redacted.updateId().toString());
    } else if (event instanceof StoryEvent.AnalysisAttachmentRedacted redacted) {
      // Likewise an analysis's texts leave every generation at once, and every later replay.
      destroyed =
          analysisRedactions.redact(
              session,
              redacted.analysisId(),
              redacted.reason(),
              ChangeRenderer.micros(envelope.time()));
    } else {
      destroyed = Uni.createFrom().voidItem();
    }
    return destroyed
        .chain(() -> lockProgress(session, generation, event.storyId()))
        .chain(
            progress -> {
              long before = progress.appliedVersion;
              if (version <= before) {
                return Uni.createFrom().item(new Outcome(event.storyId(), before, before, false));
              }
              Uni<Void> work;
              if (progress.held() || version > before + 1) {
                work =
                    park(session, generation, envelope, raw).chain(() -> drain(session, progress));
              } else {
                work =
                    applyOne(session, progress, envelope, false)
                        .chain(
                            applied ->
                                applied
                                    ? Uni.createFrom().voidItem()
                                    : park(session, generation, envelope, raw));
              }
              return work.map(
                  ignored ->
                      new Outcome(
                          event.storyId(), before, progress.appliedVersion, progress.held()));
            });
  }

  /**
   * Tries a held story again: applies its parked events from the next version on (a content key may
   * have arrived meanwhile).
   */
  public Uni<Outcome> retry(Mutiny.Session session, int generation, UUID storyId) {
    return lockProgress(session, generation, storyId)
        .chain(
            progress -> {
              long before = progress.appliedVersion;
              return drain(session, progress)
                  .map(
                      ignored ->
                          new Outcome(storyId, before, progress.appliedVersion, progress.held()));
            });
  }

  /**
   * Gives up on what a held story waits for: the missing versions up to the first parked event are
   * skipped, or the parked next event is applied with its unavailable texts shown as redacted.
   */
  public Uni<Outcome> skip(Mutiny.Session session, int generation, UUID storyId) {
    return lockProgress(session, generation, storyId)
        .chain(
            progress -> {
              long before = progress.appliedVersion;
              if (!progress.held()) {
                return Uni.createFrom().item(new Outcome(storyId, before, before, false));
              }
              return firstParked(session, progress)
                  .chain(
                      first -> {
                        if (first == null) {
                          release(progress);
                          return Uni.createFrom().voidItem();
                        }
                        if (first.version > progress.appliedVersion + 1) {
                          LOG.warnf(
                              "story %s: skipping versions %d to %d by admin request",
                              storyId, progress.appliedVersion + 1, first.version - 1);
                          return record(
                              session,
                              storyId,
                              progress.appliedVersion + 1,
                              first.version - 1,
                              StoryProgress.VERSION_GAP);
                        }
                        LOG.warnf(
                            "story %s: applying version %d without its content key by admin request",
                            storyId, first.version);
                        return record(
                            session,
                            storyId,
                            first.version,
                            first.version,
                            StoryProgress.MISSING_CONTENT_KEY);
                      })
                  .chain(() -> drain(session, progress))
                  .map(
                      ignored ->
                          new Outcome(storyId, before, progress.appliedVersion, progress.held()));
            });
  }

  /** Applies parked events in version order for as long as the next version is there. */
  private Uni<Void> drain(Mutiny.Session session, StoryProgress progress) {
    StoryVersionKey next =
        new StoryVersionKey(progress.generation, progress.storyId, progress.appliedVersion + 1);
    return session
        .find(HeldEvent.class, next)
        .chain(
            parked -> {
              if (parked == null) {
                return skipDecided(session, progress)
                    .chain(
                        skipped ->
                            skipped ? drain(session, progress) : settleHold(session, progress));
              }
              return applyParked(session, progress, parked, false)
                  .chain(
                      applied -> applied ? drain(session, progress) : Uni.createFrom().voidItem());
            });
  }

  private Uni<Boolean> applyParked(
      Mutiny.Session session, StoryProgress progress, HeldEvent parked, boolean missingKeyRedacts) {
    EventEnvelope envelope;
    try {
      envelope = RawEvent.parked(parked.headers, parked.payload).decode();
    } catch (EventDecodingException e) {
      return deadLetterParked(session, progress, parked, e).replaceWith(false);
    }
    return applyOne(session, progress, envelope, missingKeyRedacts)
        .onFailure(EventDecodingException.class)
        .recoverWithUni(
            e ->
                deadLetterParked(session, progress, parked, (EventDecodingException) e)
                    .replaceWith(false))
        .call(applied -> applied ? session.remove(parked) : Uni.createFrom().voidItem());
  }

  /**
   * Renders and writes one event at the next version. Completes with false (and the story held)
   * when its content key is missing.
   */
  private Uni<Boolean> applyOne(
      Mutiny.Session session,
      StoryProgress progress,
      EventEnvelope envelope,
      boolean missingKeyRedacts) {
    StoryEvent event = (StoryEvent) envelope.data();
    String keyId = ChangeRenderer.contentKeyOf(event);
    return keys.ring(session, keyId, missingKeyRedacts)
        .chain(
            ring -> {
              Change change;
              try {
                change =
                    PoisonRecordException.fromRecordData(
                        () -> ChangeRenderer.render(envelope, ring));
              } catch (MissingContentKeyException e) {
                if (!missingKeyRedacts) {
                  // An admin may have decided to go on without this key (replayed by rebuilds).
                  return session
                      .find(
                          StorySkip.class,
                          new StorySkip.Key(progress.storyId, envelope.streamVersion()))
                      .chain(
                          skip -> {
                            if (skip != null
                                && StoryProgress.MISSING_CONTENT_KEY.equals(skip.kind)) {
                              return applyOne(session, progress, envelope, true);
                            }
                            hold(progress, StoryProgress.MISSING_CONTENT_KEY, e.keyId());
                            LOG.warnf(
                                "story %s held at version %d: content key %s has not arrived",
                                progress.storyId, envelope.streamVersion(), e.keyId());
                            return Uni.createFrom().item(false);
                          });
                }
                throw e;
              }
              Uni<Change> masked = Uni.createFrom().item(change);
              if (event instanceof StoryEvent.AnalysisAttached attached) {
                masked =
                    analysisRedactions
                        .isRedacted(session, attached.analysisId())
                        .map(redacted -> redacted ? change.withAnalysisRedacted() : change);
              }
              return masked
                  .chain(shown -> views.write(session, progress.generation, shown))
                  .invoke(() -> progress.appliedVersion = envelope.streamVersion())
                  .replaceWith(true);
            });
  }

  /** Records an admin's skip and applies it to this generation's progress. */
  private Uni<Void> record(Mutiny.Session session, UUID storyId, long from, long to, String kind) {
    return session
        .find(StorySkip.class, new StorySkip.Key(storyId, from))
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              StorySkip skip = new StorySkip();
              skip.storyId = storyId;
              skip.fromVersion = from;
              skip.toVersion = to;
              skip.kind = kind;
              skip.skippedAt = Instant.now();
              return session.persist(skip);
            });
  }

  /**
   * Whether an admin skipped the versions after the applied one (in this or another generation); if
   * so the progress jumps over them.
   */
  private Uni<Boolean> skipDecided(Mutiny.Session session, StoryProgress progress) {
    return session
        .find(StorySkip.class, new StorySkip.Key(progress.storyId, progress.appliedVersion + 1))
        .map(
            skip -> {
              if (skip == null
                  || !StoryProgress.VERSION_GAP.equals(skip.kind)
                  || skip.toVersion <= progress.appliedVersion) {
                return false;
              }
              progress.skippedVersions += skip.toVersion - progress.appliedVersion;
              progress.appliedVersion = skip.toVersion;
              return true;
            });
  }

  /**
   * After draining up to a version that is not parked: released when nothing is parked any more,
   * else held at the version gap before the first parked event.
   */
  private Uni<Void> settleHold(Mutiny.Session session, StoryProgress progress) {
    return firstParked(session, progress)
        .invoke(
            first -> {
              if (first == null) {
                release(progress);
                return;
              }
              if (!StoryProgress.VERSION_GAP.equals(progress.holdReason)) {
                LOG.warnf(
                    "story %s held at a version gap: applied %d, next received %d",
                    progress.storyId, progress.appliedVersion, first.version);
              }
              hold(progress, StoryProgress.VERSION_GAP, null);
            })
        .replaceWithVoid();
  }

  private Uni<HeldEvent> firstParked(Mutiny.Session session, StoryProgress progress) {
    return StoryQuery.of(
            session,
            HeldEvent.class,
            progress.generation,
            progress.storyId,
            " and version > :applied order by version")
        .setParameter("applied", progress.appliedVersion)
        .setMaxResults(1)
        .getSingleResultOrNull();
  }

  private Uni<Void> park(
      Mutiny.Session session, int generation, EventEnvelope envelope, RawEvent raw) {
    StoryVersionKey key =
        new StoryVersionKey(generation, envelope.data().streamId(), envelope.streamVersion());
    return session
        .find(HeldEvent.class, key)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              HeldEvent parked = new HeldEvent();
              parked.generation = key.generation;
              parked.storyId = key.storyId;
              parked.version = key.version;
              parked.headers = raw.headersJson();
              parked.payload = raw.payload();
              parked.heldAt = Instant.now();
              return session.persist(parked);
            });
  }

  /**
   * A parked event that no longer decodes or renders (a key that does not open its text): it is
   * recorded as a dead letter and the story stays held at the hole it leaves, for an admin to skip.
   */
  private Uni<Void> deadLetterParked(
      Mutiny.Session session, StoryProgress progress, HeldEvent parked, EventDecodingException e) {
    LOG.errorf(
        "story %s: parked version %d cannot be applied (%s); dead-lettered",
        progress.storyId, parked.version, e.getMessage());
    DeadLetterRow row = new DeadLetterRow();
    row.topic = "held_event";
    row.partitionNo = -1;
    row.recordOffset = parked.version;
    row.recordKey = progress.storyId.toString();
    row.reason = e.reason().name();
    row.detail = e.getMessage();
    row.deadLetteredAt = Instant.now();
    hold(progress, StoryProgress.VERSION_GAP, null);
    return session.remove(parked).chain(() -> session.persist(row));
  }

  private static void hold(StoryProgress progress, String reason, String waitingKeyId) {
    if (progress.heldSince == null) {
      progress.heldSince = Instant.now();
    }
    progress.holdReason = reason;
    progress.waitingKeyId = waitingKeyId;
  }

  private static void release(StoryProgress progress) {
    if (progress.heldSince != null) {
      LOG.infof("story %s continues at version %d", progress.storyId, progress.appliedVersion);
    }
    progress.heldSince = null;
    progress.holdReason = null;
    progress.waitingKeyId = null;
  }

  /** The story's progress row, created if new, locked until the transaction ends. */
  private Uni<StoryProgress> lockProgress(Mutiny.Session session, int generation, UUID storyId) {
    return session
        .createNativeQuery(
            "insert into story_progress (generation, story_id) values (:generation, :storyId)"
                + " on conflict do nothing")
        .setParameter("generation", generation)
        .setParameter("storyId", storyId)
        .executeUpdate()
        .chain(
            () ->
                session.find(
                    StoryProgress.class,
                    new news.ticker.timeline.readmodel.StoryKey(generation, storyId),
                    LockMode.PESSIMISTIC_WRITE));
  }
}
