package news.ticker.ingest.story;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRedacted;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.contentkey.ContentKeyStore;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.eventstore.EventStore;
import news.ticker.ingest.eventstore.StreamType;
import news.ticker.platform.idempotency.IdempotencyStore;
import news.ticker.platform.outbox.Outbox;
import news.ticker.platform.outbox.OutboxMessage;
import news.ticker.platform.problem.Rejections;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Story streams: loads a story's state (from this replica's cache plus the events appended since)
 * and appends what the decider decided, with its content keys and outbox records, in the caller's
 * transaction.
 */
@ApplicationScoped
public class StoryStreams {

  /** Outbox rows per insert statement: seven parameters each, PostgreSQL allows 65,535. */
  private static final int OUTBOX_CHUNK = 1_000;

  @Inject EventStore eventStore;
  @Inject ContentKeyStore contentKeys;
  @Inject Outbox outbox;
  @Inject IdempotencyStore idempotency;
  @Inject IngestConfig config;

  private StoryStateCache cache;

  @PostConstruct
  void createCache() {
    cache = new StoryStateCache(config.storyCacheSize());
  }

  /**
   * Takes the story's write lock for the rest of the transaction and loads its current state;
   * version 0 if it was never opened.
   *
   * @throws io.vertx.pgclient.PgException with SQLSTATE 55P03 (as the Uni's failure) when the story
   *     stayed locked longer than {@code ticker.ingest.stream-lock-timeout}
   */
  public Uni<StoryState> lockAndLoad(Mutiny.Session session, UUID storyId) {
    return eventStore
        .lock(session, StreamType.STORY, storyId, config.streamLockTimeout())
        .chain(
            () -> {
              StoryState base = cachedOrInitial(storyId);
              return eventStore
                  .load(session, storyId, base.version(), StoryEvent.class)
                  .map(events -> StoryDecider.fold(base, events));
            });
  }

  /**
   * Decides the command on the state and appends the events, the content keys of updates it posted
   * and the outbox records: each key's record before the record of the event it seals. For an
   * update it redacted, the key is destroyed, the update's idempotent requests are forgotten and
   * the key's tombstone goes before the {@code update-redacted} record, all in this transaction.
   *
   * @throws news.ticker.ingest.eventstore.StreamConflict (as the Uni's failure) when another writer
   *     appended to the story since the state was loaded
   * @throws news.ticker.platform.problem.ProblemException (as the Uni's failure) the answer to a
   *     rejected command, which rolls the transaction back
   */
  public Uni<StoryChange> decideAndAppend(
      Mutiny.Session session, StoryState state, PreparedCommand prepared) {
    List<StoryEvent> events;
    try {
      events = StoryDecider.decide(prepared.command(), state).eventsOrThrow(Rejections::problem);
    } catch (RuntimeException rejected) {
      return Uni.createFrom().failure(rejected);
    }
    if (events.isEmpty()) {
      return Uni.createFrom().item(new StoryChange(state, state, events));
    }
    Map<UUID, UpdateKey> keysByUpdate = new HashMap<>();
    prepared.newKeys().forEach(key -> keysByUpdate.put(key.updateId(), key));
    return eventStore
        .append(session, StreamType.STORY, state.storyId(), state.version(), events)
        .chain(
            envelopes -> {
              List<UpdateKey> usedKeys = new ArrayList<>();
              List<UpdateRedacted> redactions = new ArrayList<>();
              List<OutboxMessage> messages = new ArrayList<>(envelopes.size() * 2);
              for (EventEnvelope envelope : envelopes) {
                if (envelope.data() instanceof UpdateRedacted redacted) {
                  redactions.add(redacted);
                  messages.add(ContentKeyStore.tombstone(redacted.storyId(), redacted.updateId()));
                }
                if (envelope.data() instanceof UpdatePosted posted
                    && keysByUpdate.containsKey(posted.updateId())) {
                  UpdateKey key = keysByUpdate.get(posted.updateId());
                  usedKeys.add(key);
                  messages.add(ContentKeyStore.publication(key));
                }
                messages.add(OutboxMessage.of(envelope));
              }
              return contentKeys
                  .add(session, usedKeys)
                  .chain(() -> destroyKeys(session, redactions))
                  .chain(() -> appendToOutbox(session, messages));
            })
        .map(ignored -> new StoryChange(state, StoryDecider.fold(state, events), events));
  }

  /**
   * This replica's last committed state of the story, or its initial state: a start for reading the
   * events after it.
   */
  StoryState cachedOrInitial(UUID storyId) {
    StoryState cached = cache.get(storyId);
    return cached != null ? cached : StoryState.initial(storyId);
  }

  /** Keeps a committed state for the next command on the story. */
  public void remember(StoryState committed) {
    cache.remember(committed);
  }

  /**
   * Forgets what this replica knows of the story, after a commit whose outcome is unknown: the next
   * command reads the story from the database, whichever way the commit went.
   */
  void forget(UUID storyId) {
    cache.forget(storyId);
  }

  private Uni<Void> destroyKeys(Mutiny.Session session, List<UpdateRedacted> redactions) {
    Uni<Void> destroyed = Uni.createFrom().voidItem();
    for (UpdateRedacted redacted : redactions) {
      destroyed =
          destroyed
              .chain(
                  () ->
                      contentKeys.destroy(
                          session, redacted.storyId(), redacted.updateId(), redacted.occurredAt()))
              .chain(
                  () ->
                      idempotency.forgetRequestsMentioning(session, redacted.updateId().toString()))
              .replaceWithVoid();
    }
    return destroyed;
  }

  private Uni<Void> appendToOutbox(Mutiny.Session session, List<OutboxMessage> messages) {
    Uni<Void> appended = Uni.createFrom().voidItem();
    for (int from = 0; from < messages.size(); from += OUTBOX_CHUNK) {
      List<OutboxMessage> chunk =
          messages.subList(from, Math.min(messages.size(), from + OUTBOX_CHUNK));
      appended = appended.chain(() -> outbox.append(session, chunk));
    }
    return appended;
  }
}
