package news.ticker.ingest.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.StoryClosed;
import news.ticker.events.StoryEvent.StoryOpened;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.write.Transactions;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** The event store's guarantees, below the API: one writer per version, retried losers. */
@QuarkusTest
class EventStoreTest {

  private static final Instant NOW = Instant.parse("2025-03-19T12:00:00Z");

  @Inject EventStore eventStore;
  @Inject Transactions transactions;
  @Inject IngestConfig config;
  @Inject Pool pool;

  private static StoryOpened opened(UUID storyId, String title) {
    return new StoryOpened(
        storyId, title, "slug-" + storyId, null, "nl", null, List.of(), null, NOW, "test", NOW);
  }

  private static <T> T inTransaction(Function<Mutiny.Session, Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> Panache.getSession().chain(work::apply)));
  }

  /** Appends a new story's opening and closing, versions 1 and 2. */
  private List<EventEnvelope> openAndClose(UUID storyId, String title) throws Throwable {
    return inTransaction(
        session ->
            eventStore.append(
                session,
                StreamType.STORY,
                storyId,
                0,
                List.of(opened(storyId, title), new StoryClosed(storyId, NOW, "t", NOW))));
  }

  @Test
  void aVersionCanBeTakenOnlyOnceAndLoadingReturnsTheEventsInOrder() throws Throwable {
    UUID storyId = Ids.newId();
    List<EventEnvelope> appended = openAndClose(storyId, "Eerste");
    assertThat(appended).extracting(EventEnvelope::streamVersion).containsExactly(1L, 2L);
    assertThat(appended.get(0).source()).isEqualTo(IngestConfig.EVENT_SOURCE);

    assertThatThrownBy(
            () ->
                inTransaction(
                    session ->
                        eventStore.append(
                            session,
                            StreamType.STORY,
                            storyId,
                            1,
                            List.of(new StoryClosed(storyId, NOW, "t", NOW)))))
        .isInstanceOf(StreamConflict.class);

    List<StoryEvent> loaded =
        inTransaction(session -> eventStore.load(session, storyId, 0, StoryEvent.class));
    assertThat(loaded).hasSize(2);
    assertThat(((StoryOpened) loaded.get(0)).title()).isEqualTo("Eerste");
    List<StoryEvent> afterFirst =
        inTransaction(session -> eventStore.load(session, storyId, 1, StoryEvent.class));
    assertThat(afterFirst).singleElement().isInstanceOf(StoryClosed.class);
  }

  @Test
  void aTransactionThatLostItsRaceRunsAgainAndGivesUpAfterTheConfiguredRetries() throws Throwable {
    UUID streamId = Ids.newId();
    AtomicInteger attempts = new AtomicInteger();
    String result =
        VertxContextSupport.subscribeAndAwait(
            () ->
                transactions.run(
                    session ->
                        attempts.incrementAndGet() < 3
                            ? Uni.createFrom().failure(new StreamConflict(streamId, 1))
                            : Uni.createFrom().item("decided")));
    assertThat(result).isEqualTo("decided");
    assertThat(attempts).hasValue(3);

    AtomicInteger hopeless = new AtomicInteger();
    assertThatThrownBy(
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () ->
                        transactions.run(
                            session -> {
                              hopeless.incrementAndGet();
                              return Uni.createFrom().failure(new StreamConflict(streamId, 1));
                            })))
        .isInstanceOf(StreamConflict.class);
    assertThat(hopeless).hasValue(config.conflictRetries() + 1);
  }

  /**
   * The pool prepares its statements, so after a few runs PostgreSQL may use the generic plan: the
   * one planned without the parameters. For the tails read inside every write's story lock that
   * plan must read each stream's range on its own, never join against the whole event store, whose
   * cost would grow with every event ever written. {@code explain (generic_plan)} shows that plan
   * without running the query.
   */
  @Test
  void theTailsReadVisitsEachStreamOnItsOwnInItsGenericPlan() throws Throwable {
    List<String> plan =
        VertxContextSupport.subscribeAndAwait(
            () ->
                pool.query("explain (generic_plan) " + EventStore.TAILS_QUERY)
                    .execute()
                    .map(
                        rows -> {
                          List<String> lines = new ArrayList<>();
                          for (Row row : rows) {
                            lines.add(row.getString(0));
                          }
                          return lines;
                        }));
    assertThat(String.join("\n", plan))
        .contains("Nested Loop")
        .contains("stream_id = t.id")
        .doesNotContain("Hash Join")
        .doesNotContain("Merge Join");
  }

  @Test
  void tailsGivesEachStreamItsEventsAfterTheAskedVersionInOrder() throws Throwable {
    UUID first = Ids.newId();
    UUID second = Ids.newId();
    UUID unknown = Ids.newId();
    openAndClose(first, "Verhaal");
    openAndClose(second, "Verhaal");
    Map<UUID, List<StoryEvent>> tails =
        VertxContextSupport.subscribeAndAwait(
            () ->
                pool.withConnection(
                    connection ->
                        eventStore.tails(
                            connection,
                            Map.of(first, 0L, second, 1L, unknown, 0L),
                            StoryEvent.class)));
    assertThat(tails.get(first)).hasExactlyElementsOfTypes(StoryOpened.class, StoryClosed.class);
    assertThat(tails.get(second)).singleElement().isInstanceOf(StoryClosed.class);
    assertThat(tails).doesNotContainKey(unknown);
  }
}
