package news.ticker.ingest.story;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRedacted;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.contentkey.ContentKeyStore;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.eventstore.EventStore;
import news.ticker.ingest.eventstore.StreamType;
import news.ticker.ingest.write.Answer;
import news.ticker.ingest.write.WriteOutcome;
import news.ticker.ingest.write.Writes;
import news.ticker.platform.batch.GroupCommit;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.idempotency.IdempotencyStore;
import news.ticker.platform.idempotency.StoredResponse;
import news.ticker.platform.outbox.Outbox;
import news.ticker.platform.outbox.OutboxMessage;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.Rejections;

/**
 * The group commit of story commands on the Vert.x PostgreSQL client. Each batch is one transaction
 * of two pipelined exchanges:
 *
 * <ol>
 *   <li>try-lock its stories (sorted, never waiting), read every story's events after its cached
 *       version in one query, and look up every {@code Idempotency-Key} in one query;
 *   <li>decide every command in memory, in arrival order, each on the state that the commands
 *       before it produced (so each {@code If-Match} is checked against that version and a refused
 *       command consumes no version); then insert all events, content keys, outbox records and
 *       stored responses, four multi-row statements; then commit.
 * </ol>
 *
 * A story whose lock another transaction holds (another replica, or a command on the Hibernate
 * path) is handed back to the next batch, with every later command of that story; one that waited
 * longer than {@code ticker.ingest.stream-lock-timeout} is answered 409 with {@code Retry-After},
 * as on the Hibernate path. A batch that fails before its commit committed nothing: each member
 * then runs alone on the Hibernate path. Responses are sent only once the batch committed.
 */
@ApplicationScoped
public class StoryGroupCommit {

  @Inject Pool pool;
  @Inject EventStore eventStore;
  @Inject ContentKeyStore contentKeys;
  @Inject Outbox outbox;
  @Inject IdempotencyStore idempotency;
  @Inject StoryStreams streams;
  @Inject Writes writes;
  @Inject IngestConfig config;

  private GroupCommit<Command> group;

  @PostConstruct
  void start() {
    IngestConfig.GroupCommitConfig settings = config.groupCommit();
    group = new GroupCommit<>(settings.maxSize(), settings.linger(), new Runner());
  }

  /**
   * Decides the command in the next batch.
   *
   * @param canonicalBody the request as it identifies the write for its idempotency key
   * @param alone the same command on the Hibernate path, for when the batch cannot take it
   */
  public Uni<Response> submit(
      UUID storyId,
      WriteContext context,
      String canonicalBody,
      PreparedCommand prepared,
      Function<StoryChange, Answer> answer,
      Supplier<Uni<Response>> alone) {
    IdempotencyKey key = context.idempotencyKey(canonicalBody);
    Command command =
        new Command(
            storyId,
            context,
            key,
            prepared,
            answer,
            alone,
            Vertx.currentContext(),
            System.nanoTime(),
            new CompletableFuture<>());
    group.submit(command);
    return Uni.createFrom().completionStage(command.reply);
  }

  /** How many commands of this replica are not answered yet (queued, or in the batch in flight). */
  public int waiting() {
    return group.waiting();
  }

  /** A command waiting for its batch, with the means to answer its caller. */
  record Command(
      UUID storyId,
      WriteContext context,
      IdempotencyKey key,
      PreparedCommand prepared,
      Function<StoryChange, Answer> answer,
      Supplier<Uni<Response>> alone,
      Context origin,
      long submittedNanos,
      CompletableFuture<Response> reply) {

    void answer(Response response) {
      onOrigin(() -> reply.complete(response));
    }

    void fail(Throwable failure) {
      onOrigin(() -> reply.completeExceptionally(failure));
    }

    void runAlone() {
      onOrigin(
          () -> {
            Uni<Response> run;
            try {
              run = alone.get();
            } catch (RuntimeException e) {
              run = Uni.createFrom().failure(e);
            }
            run.subscribe().with(reply::complete, reply::completeExceptionally);
          });
    }

    /** On the request's own Vert.x context, where its HTTP response and any session belong. */
    private void onOrigin(Runnable action) {
      if (origin == null) {
        action.run();
      } else {
        origin.runOnContext(ignored -> action.run());
      }
    }
  }

  private final class Runner implements GroupCommit.Runner<Command> {

    @Override
    public Uni<List<Command>> commit(List<Command> members) {
      return pool.getConnection()
          .chain(connection -> inTransaction(connection, members).eventually(connection::close));
    }

    @Override
    public void alone(Command member, Throwable batchFailure) {
      member.runAlone();
    }

    private Uni<List<Command>> inTransaction(SqlConnection connection, List<Command> members) {
      Set<UUID> storyIds = new LinkedHashSet<>();
      List<IdempotencyKey> keys = new ArrayList<>();
      for (Command member : members) {
        storyIds.add(member.storyId());
        if (member.key() != null) {
          keys.add(member.key());
        }
      }
      Map<UUID, StoryState> bases = new HashMap<>();
      Map<UUID, Long> after = new HashMap<>();
      for (UUID storyId : storyIds) {
        StoryState base = streams.cachedOrInitial(storyId);
        bases.put(storyId, base);
        after.put(storyId, base.version());
      }
      return connection
          .begin()
          .chain(
              tx -> {
                // Pipelined: sent together, run in this order. The tail read is a statement of
                // its own after the locks, so its snapshot sees every commit before them.
                Uni<Set<UUID>> locked = eventStore.tryLock(connection, StreamType.STORY, storyIds);
                Uni<Map<UUID, List<StoryEvent>>> tails =
                    eventStore.tails(connection, after, StoryEvent.class);
                Uni<Map<List<String>, IdempotencyStore.Stored>> stored =
                    idempotency.find(connection, keys);
                return Uni.combine()
                    .all()
                    .unis(locked, tails, stored)
                    .asTuple()
                    .map(
                        read ->
                            decide(
                                members, bases, read.getItem1(), read.getItem2(), read.getItem3()))
                    .chain(batch -> write(connection, tx, batch))
                    .onFailure()
                    .call(() -> tx.rollback().onFailure().recoverWithNull());
              });
    }

    private Batch decide(
        List<Command> members,
        Map<UUID, StoryState> bases,
        Set<UUID> locked,
        Map<UUID, List<StoryEvent>> tails,
        Map<List<String>, IdempotencyStore.Stored> stored) {
      Batch batch = new Batch();
      Map<UUID, StoryState> states = new LinkedHashMap<>();
      Map<List<String>, Claimed> claimedHere = new HashMap<>();
      long waitLimit = config.streamLockTimeout().toNanos();
      long now = System.nanoTime();
      for (Command member : members) {
        UUID storyId = member.storyId();
        if (!locked.contains(storyId)) {
          if (now - member.submittedNanos() > waitLimit) {
            batch.answers.put(member, Reply.of(Writes.contended()));
          } else {
            batch.handedBack.add(member);
          }
          continue;
        }
        IdempotencyKey key = member.key();
        if (key != null) {
          Claimed earlier = claimedHere.get(key.id());
          if (earlier != null) {
            // The same key twice in one batch: the same answers as across batches.
            batch.answers.put(
                member,
                earlier.requestHash.equals(key.requestHash())
                    ? Reply.of(earlier.response.toReplayedResponse())
                    : Reply.of(
                        ProblemException.unprocessable(
                            IdempotencyKey.HEADER,
                            "this key was already used for a different request")));
            continue;
          }
          IdempotencyStore.Stored row = stored.get(key.id());
          if (row != null) {
            Reply reply;
            try {
              reply = Reply.of(row.answerTo(key).toReplayedResponse());
            } catch (ProblemException problem) {
              reply = Reply.of(problem);
            }
            batch.answers.put(member, reply);
            continue;
          }
        }
        StoryState state =
            states.computeIfAbsent(
                storyId, id -> StoryDecider.fold(bases.get(id), tails.getOrDefault(id, List.of())));
        Optional<Rejection> refused =
            StoryDecider.refuseUnlessOpened(state)
                .or(() -> member.context().ifMatch().refusal(state.version()));
        if (refused.isPresent()) {
          batch.answers.put(member, Reply.of(Rejections.problem(refused.get())));
          continue;
        }
        Decision<StoryEvent> decision = StoryDecider.decide(member.prepared().command(), state);
        if (decision instanceof Decision.Rejected<StoryEvent> rejected) {
          batch.answers.put(member, Reply.of(Rejections.problem(rejected.rejection())));
          continue;
        }
        List<StoryEvent> events = ((Decision.Accepted<StoryEvent>) decision).events();
        StoryState next = StoryDecider.fold(state, events);
        if (!events.isEmpty()) {
          batch.append(storyId, state.version(), events, member.prepared().newKeys());
          states.put(storyId, next);
          batch.changed.put(storyId, next);
        }
        StoryChange change = new StoryChange(state, next, events);
        StoredResponse response =
            writes.toStoredResponse(
                new WriteOutcome(member.answer().apply(change), next.version(), () -> {}));
        if (key != null) {
          batch.keys.add(key);
          batch.responses.add(response);
          claimedHere.put(key.id(), new Claimed(key.requestHash(), response));
        }
        batch.answers.put(member, Reply.of(response.toResponse()));
      }
      return batch;
    }

    private Uni<List<Command>> write(SqlConnection connection, Transaction tx, Batch batch) {
      if (batch.envelopes.isEmpty() && batch.keys.isEmpty()) {
        // Nothing to write: release the locks without a flush.
        return tx.rollback().map(ignored -> finish(batch, false));
      }
      Uni<Void> inserted =
          Uni.combine()
              .all()
              .unis(
                  eventStore.append(connection, StreamType.STORY, batch.envelopes),
                  contentKeys.add(connection, batch.newKeys),
                  outbox.append(connection, batch.messages),
                  idempotency.store(connection, batch.keys, batch.responses))
              .discardItems();
      return inserted.chain(
          () ->
              tx.commit()
                  .onFailure(failure -> !(failure instanceof PgException))
                  .recoverWithUni(
                      failure -> {
                        // The commit was sent and its outcome is unknown (the connection broke):
                        // running the commands again could apply them twice. Nor may the states
                        // it decided be remembered: had it rolled back, the next command would
                        // take a version after one that does not exist, a hole in the stream.
                        batch.changed.keySet().forEach(streams::forget);
                        batch.changed.clear();
                        batch.answers.replaceAll(
                            (member, reply) ->
                                Reply.of(
                                    ProblemException.unavailable(
                                        "the database connection broke while committing; the"
                                            + " write may or may not have been applied",
                                        1)));
                        return Uni.createFrom().voidItem();
                      })
                  .map(ignored -> finish(batch, true)));
    }

    /** Answers the batch's members once it committed, and keeps what it changed. */
    private List<Command> finish(Batch batch, boolean wrote) {
      if (wrote) {
        batch.changed.values().forEach(streams::remember);
        if (!batch.messages.isEmpty()) {
          outbox.committed();
        }
      }
      batch.answers.forEach(
          (member, reply) -> {
            if (reply.response != null) {
              member.answer(reply.response);
            } else {
              member.fail(reply.problem);
            }
          });
      return batch.handedBack;
    }
  }

  /** What one batch decided, and what it writes. */
  private final class Batch {
    final Map<Command, Reply> answers = new LinkedHashMap<>();
    final List<Command> handedBack = new ArrayList<>();
    final Map<UUID, StoryState> changed = new HashMap<>();
    final List<EventEnvelope> envelopes = new ArrayList<>();
    final List<UpdateKey> newKeys = new ArrayList<>();
    final List<OutboxMessage> messages = new ArrayList<>();
    final List<IdempotencyKey> keys = new ArrayList<>();
    final List<StoredResponse> responses = new ArrayList<>();

    /** The events with their content keys and outbox records: each key before its event. */
    void append(UUID storyId, long version, List<StoryEvent> events, List<UpdateKey> prepared) {
      for (EventEnvelope envelope : eventStore.envelopes(storyId, version, events)) {
        if (envelope.data() instanceof UpdateRedacted) {
          // A redaction destroys keys and forgets requests: the Hibernate path does that.
          throw new IllegalStateException("a redaction cannot be decided in a batch");
        }
        if (envelope.data() instanceof UpdatePosted posted) {
          for (UpdateKey key : prepared) {
            if (key.updateId().equals(posted.updateId())) {
              newKeys.add(key);
              messages.add(ContentKeyStore.publication(key));
            }
          }
        }
        messages.add(OutboxMessage.of(envelope));
        envelopes.add(envelope);
      }
    }
  }

  /** A key claimed earlier in the same batch. */
  private record Claimed(String requestHash, StoredResponse response) {}

  /** A member's answer: a response, or the problem it is refused with. */
  private record Reply(Response response, ProblemException problem) {
    static Reply of(Response response) {
      return new Reply(response, null);
    }

    static Reply of(ProblemException problem) {
      return new Reply(null, problem);
    }
  }
}
