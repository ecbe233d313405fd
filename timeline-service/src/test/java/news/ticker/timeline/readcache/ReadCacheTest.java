package news.ticker.timeline.readcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The read cache against a model of one story's database row and the notifications of its commits,
 * which PostgreSQL delivers after the commit, in commit order, some time later.
 */
class ReadCacheTest {

  private static final int GENERATION = 1;
  private static final UUID STORY = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final String FEED = "feed-20";

  private static ReadCache listening() {
    ReadCache cache = new ReadCache(1 << 20);
    cache.listening(true);
    return cache;
  }

  private static Validator at(long version) {
    return new Validator(GENERATION, version, 0, false);
  }

  private static ReadCache.Page page(Validator validator, String variant) {
    return new ReadCache.Page(
        validator.tag(variant), "application/json", "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aReadBegunBeforeACommitItHearsOfIsNotRemembered() {
    ReadCache cache = listening();
    long ticket = cache.begin(GENERATION, STORY);
    Validator readBeforeTheCommit = at(1);
    cache.changed(GENERATION, STORY); // version 2 committed and notified
    cache.learn(STORY, ticket, readBeforeTheCommit);
    cache.keep(STORY, ticket, readBeforeTheCommit, FEED, page(readBeforeTheCommit, FEED));

    assertThat(cache.validator(GENERATION, STORY)).isEmpty();
    assertThat(cache.page(GENERATION, STORY, FEED)).isEmpty();
  }

  @Test
  void aChangeForgetsTheValidatorAndThePages() {
    ReadCache cache = listening();
    long ticket = cache.begin(GENERATION, STORY);
    cache.learn(STORY, ticket, at(3));
    cache.keep(STORY, ticket, at(3), FEED, page(at(3), FEED));
    assertThat(cache.page(GENERATION, STORY, FEED)).isPresent();
    assertThat(cache.bytes()).isEqualTo(2);

    cache.changed(GENERATION, STORY);

    assertThat(cache.validator(GENERATION, STORY)).isEmpty();
    assertThat(cache.page(GENERATION, STORY, FEED)).isEmpty();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void aPageIsKeptOnlyUnderTheValidatorItWasRenderedUnder() {
    ReadCache cache = listening();
    long ticket = cache.begin(GENERATION, STORY);
    cache.learn(STORY, ticket, at(3));
    cache.keep(STORY, ticket, at(4), FEED, page(at(4), FEED));
    cache.keep(STORY, ticket, at(3), FEED, page(at(4), FEED));

    assertThat(cache.page(GENERATION, STORY, FEED)).isEmpty();
  }

  @Test
  void nothingIsRememberedWhileNotListeningAndListeningAgainForgetsAll() {
    ReadCache cache = new ReadCache(1 << 20);
    assertThat(cache.begin(GENERATION, STORY)).isEqualTo(ReadCache.NO_TICKET);

    cache.listening(true);
    long ticket = cache.begin(GENERATION, STORY);
    cache.learn(STORY, ticket, at(1));
    cache.listening(false);
    assertThat(cache.validator(GENERATION, STORY)).isEmpty();
    cache.listening(true);
    cache.learn(STORY, ticket, at(1)); // a read begun before the connection was lost
    assertThat(cache.validator(GENERATION, STORY)).isEmpty();
  }

  @Test
  void anotherActiveGenerationForgetsEverything() {
    ReadCache cache = listening();
    long ticket = cache.begin(GENERATION, STORY);
    cache.learn(STORY, ticket, at(1));
    assertThat(cache.validator(GENERATION + 1, STORY)).isEmpty();
    assertThat(cache.validator(GENERATION, STORY)).isEmpty();
  }

  @Test
  void theByteBudgetBoundsThePages() {
    ReadCache cache = new ReadCache(3);
    cache.listening(true);
    long ticket = cache.begin(GENERATION, STORY);
    cache.learn(STORY, ticket, at(1));
    cache.keep(STORY, ticket, at(1), FEED, page(at(1), FEED));
    cache.keep(STORY, ticket, at(1), Validator.HEADER, page(at(1), Validator.HEADER));

    assertThat(cache.page(GENERATION, STORY, FEED)).isPresent();
    assertThat(cache.page(GENERATION, STORY, Validator.HEADER)).isEmpty();
    assertThat(cache.bytes()).isEqualTo(2);
  }

  @Test
  void degradedChangesTheHeadersTagOnly() {
    Validator held = new Validator(GENERATION, 5, 2, true);
    assertThat(held.tag(Validator.HEADER)).isNotEqualTo(at(5).tag(Validator.HEADER));
    assertThat(new Validator(GENERATION, 5, 2, true).tag(FEED))
        .isEqualTo(new Validator(GENERATION, 5, 2, false).tag(FEED));
  }

  /** One step of the model: the database, the notifications, three readers, the connection. */
  enum Step {
    COMMIT,
    DELIVER,
    BEGIN,
    READ,
    LEARN,
    RECONNECT
  }

  record Action(Step step, int reader) {}

  @Provide
  Arbitrary<List<Action>> schedules() {
    Arbitrary<Action> action =
        Arbitraries.of(Step.values())
            .flatMap(
                step ->
                    Arbitraries.integers().between(0, 2).map(reader -> new Action(step, reader)));
    return action.list().ofMinSize(1).ofMaxSize(60);
  }

  /**
   * Whatever the interleaving of commits, late notifications, readers and lost connections: a
   * remembered validator is never newer than the database, and once every commit was heard of, it
   * is the database's current one. Its pages carry its tag.
   */
  @Property(tries = 1000, seed = "20261206")
  void aValidatorNeverRunsAheadOfItsDatabaseNorStaysBehindWhatItHeard(
      @ForAll("schedules") List<Action> schedule) {
    ReadCache cache = listening();
    long database = 1;
    int unheard = 0;
    long[] tickets = new long[3];
    Long[] read = new Long[3];
    boolean[] begun = new boolean[3];
    List<Long> learned = new ArrayList<>();
    for (Action action : schedule) {
      int r = action.reader();
      switch (action.step()) {
        case COMMIT -> {
          database++;
          unheard++;
        }
        case DELIVER -> {
          if (unheard > 0) {
            unheard--;
            cache.changed(GENERATION, STORY);
          }
        }
        case BEGIN -> {
          tickets[r] = cache.begin(GENERATION, STORY);
          begun[r] = true;
          read[r] = null;
        }
        case READ -> {
          if (begun[r]) {
            read[r] = database;
          }
        }
        case LEARN -> {
          if (read[r] != null) {
            Validator validator = at(read[r]);
            cache.learn(STORY, tickets[r], validator);
            cache.keep(STORY, tickets[r], validator, FEED, page(validator, FEED));
            learned.add(read[r]);
            begun[r] = false;
            read[r] = null;
          }
        }
        case RECONNECT -> {
          // The connection is lost (notifications not yet delivered are lost with it) and back.
          cache.listening(false);
          unheard = 0;
          cache.listening(true);
        }
      }
      Optional<Validator> remembered = cache.validator(GENERATION, STORY);
      if (remembered.isPresent()) {
        assertThat(remembered.get().version()).isLessThanOrEqualTo(database);
        if (unheard == 0) {
          assertThat(remembered.get().version()).isEqualTo(database);
        }
        cache
            .page(GENERATION, STORY, FEED)
            .ifPresent(p -> assertThat(p.tag()).isEqualTo(remembered.get().tag(FEED)));
      } else {
        assertThat(cache.page(GENERATION, STORY, FEED)).isEmpty();
      }
    }
  }
}
