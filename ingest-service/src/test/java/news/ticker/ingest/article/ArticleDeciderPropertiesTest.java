package news.ticker.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;
import news.ticker.devstack.testing.IfMatchCase;
import news.ticker.events.ArticleEvent;
import news.ticker.ingest.article.ArticleCommand.PublishArticle;
import news.ticker.ingest.article.ArticleCommand.ReviseArticle;
import news.ticker.ingest.write.Patch;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.NotFound;
import news.ticker.platform.decision.Rejection.PreconditionFailed;
import news.ticker.platform.http.IfMatch;

/**
 * {@link ArticleDecider} over arbitrary histories of commands, valid and not (publishing twice,
 * revising an article never published, stale or weak {@code If-Match}, revisions that change
 * nothing), played as {@code ArticleService} plays them: the article must be published, then {@code
 * If-Match} must hold, then the decider decides. Seeds are pinned: a failure reproduces with the
 * same run, and jqwik prints the shrunk history.
 */
@StatisticsReport(StatisticsReportMode.OFF)
class ArticleDeciderPropertiesTest {

  private static final UUID ARTICLE = UUID.fromString("0195b2a0-0000-7000-8000-0000000000b1");
  private static final Instant T0 = Instant.parse("2025-03-19T11:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-19T12:00:00Z");

  @Property(tries = 300, seed = "20250319")
  void everyAppendedEventAdvancesTheVersionByExactlyOne(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      ArticleState state = turn.before();
      for (ArticleEvent event : turn.events()) {
        ArticleState next = ArticleDecider.evolve(state, event);
        assertThat(next.version()).as("after %s", event).isEqualTo(state.version() + 1);
        state = next;
      }
      assertThat(turn.after().version()).isEqualTo(turn.before().version() + turn.events().size());
      if (turn.expected() == Outcome.CHANGE) {
        assertThat(turn.events()).as("%s", turn.step()).isNotEmpty();
      }
    }
  }

  @Property(tries = 300, seed = "20250320")
  void aNoOpCommandAppendsNothing(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      boolean acceptedEmpty =
          turn.decision() instanceof Decision.Accepted<ArticleEvent> accepted
              && accepted.events().isEmpty();
      assertThat(acceptedEmpty)
          .as("%s on %s decided %s", turn.step(), turn.before(), turn.decision())
          .isEqualTo(turn.expected() == Outcome.NO_OP);
      if (acceptedEmpty) {
        assertThat(turn.after()).isEqualTo(turn.before());
      }
      Statistics.label("outcome").collect(turn.expected());
    }
    Statistics.label("outcome")
        .coverage(
            checker -> {
              for (Outcome outcome : Outcome.values()) {
                checker.check(outcome).count((Integer n) -> n > 0);
              }
            });
  }

  @Property(tries = 300, seed = "20250321")
  void aRefusedCommandChangesNothing(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      if (turn.decision() instanceof Decision.Rejected<ArticleEvent> rejected) {
        assertThat(turn.refusal())
            .as("%s on %s refused by %s", turn.step(), turn.before(), rejected.rejection())
            .isNotNull();
        assertThat(rejected.rejection())
            .as("%s on %s", turn.step(), turn.before())
            .isInstanceOf(turn.refusal());
        assertThat(turn.events()).isEmpty();
        assertThat(turn.after()).isEqualTo(turn.before());
      } else {
        assertThat(turn.refusal())
            .as("%s on %s decided %s", turn.step(), turn.before(), turn.decision())
            .isNull();
      }
    }
  }

  @Property(tries = 300, seed = "20250322")
  void theStateDecidedOnIsTheFoldOfEveryEventAppended(@ForAll("histories") List<Step> history) {
    // evolve, one event at a time from the unpublished article, over everything appended so far
    ArticleState rebuilt = ArticleState.initial(ARTICLE);
    for (Turn turn : play(history)) {
      assertThat(turn.before()).as("before %s", turn.step()).isEqualTo(rebuilt);
      for (ArticleEvent event : turn.events()) {
        rebuilt = ArticleDecider.evolve(rebuilt, event);
      }
    }
  }

  // --- playing a history ---

  /** What the rules say a command must do to a state. */
  enum Outcome {
    REFUSED,
    NO_OP,
    CHANGE
  }

  /** A command and the {@code If-Match} it is sent with. */
  record Step(ArticleCommand command, IfMatchCase ifMatch) {}

  /**
   * One command played: the state it was decided on, the decision, the state after it, and what the
   * rules expected ({@code refusal}: the rejection's type when refused, else null).
   */
  record Turn(
      Step step,
      ArticleState before,
      Decision<ArticleEvent> decision,
      ArticleState after,
      Outcome expected,
      Class<? extends Rejection> refusal) {

    List<ArticleEvent> events() {
      return decision instanceof Decision.Accepted<ArticleEvent> accepted
          ? accepted.events()
          : List.of();
    }
  }

  /** Plays a history from scratch; the state of each turn is the previous one's after. */
  private static List<Turn> play(List<Step> history) {
    List<Turn> turns = new ArrayList<>(history.size());
    ArticleState state = ArticleState.initial(ARTICLE);
    for (Step step : history) {
      Decision<ArticleEvent> decision = decide(step, state);
      ArticleState after =
          decision instanceof Decision.Accepted<ArticleEvent> accepted
              ? ArticleDecider.fold(state, accepted.events())
              : state;
      Class<? extends Rejection> refusal = expectedRefusal(step, state);
      Outcome expected =
          refusal != null
              ? Outcome.REFUSED
              : changesNothing(step.command(), state) ? Outcome.NO_OP : Outcome.CHANGE;
      turns.add(new Turn(step, state, decision, after, expected, refusal));
      state = after;
    }
    return turns;
  }

  /** As {@code ArticleService}: a new article is published; a revision checks its article first. */
  private static Decision<ArticleEvent> decide(Step step, ArticleState state) {
    if (step.command() instanceof ReviseArticle) {
      Optional<Rejection> refused =
          ArticleDecider.refuseUnlessPublished(state)
              .or(
                  () ->
                      IfMatch.parse(step.ifMatch().header(state.version()))
                          .refusal(state.version()));
      if (refused.isPresent()) {
        return Decision.reject(refused.get());
      }
    }
    return ArticleDecider.decide(step.command(), state);
  }

  /** The rules, written from the state: which commands must be refused, and how. */
  private static Class<? extends Rejection> expectedRefusal(Step step, ArticleState state) {
    if (step.command() instanceof PublishArticle) {
      return state.version() > 0 ? Conflict.class : null;
    }
    if (state.version() == 0) {
      return NotFound.class;
    }
    return step.ifMatch().holdsAt(state.version()) ? null : PreconditionFailed.class;
  }

  private static boolean changesNothing(ArticleCommand command, ArticleState state) {
    return command instanceof ReviseArticle r
        && Objects.equals(r.headline().applyTo(state.headline()), state.headline())
        && Objects.equals(r.url().applyTo(state.url()), state.url())
        && Objects.equals(r.standfirst().applyTo(state.standfirst()), state.standfirst())
        && Objects.equals(r.section().applyTo(state.section()), state.section())
        && Objects.equals(r.publishedAt().applyTo(state.publishedAt()), state.publishedAt());
  }

  // --- generators: few distinct values, so that histories repeat themselves ---

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<IfMatchCase> preconditions =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(IfMatchCase.NONE)),
            Tuple.of(3, Arbitraries.just(IfMatchCase.CURRENT)),
            Tuple.of(3, Arbitraries.of(IfMatchCase.values())));
    Arbitrary<Step> publish =
        Combinators.combine(
                Arbitraries.of("Kop", "Andere kop"),
                Arbitraries.of("https://x.example/a", "https://x.example/b"),
                Arbitraries.of("Intro").injectNull(0.5),
                Arbitraries.of("Politiek").injectNull(0.5),
                Arbitraries.of(T0).injectNull(0.5),
                Arbitraries.of(T0, T1))
            .as(
                (headline, url, standfirst, section, publishedAt, at) ->
                    new Step(
                        new PublishArticle(
                            headline, url, standfirst, section, publishedAt, "ed", at),
                        IfMatchCase.NONE));
    Arbitrary<Step> revise =
        Combinators.combine(
                patch(Arbitraries.of("Kop", "Andere kop")),
                patch(Arbitraries.of("https://x.example/a", "https://x.example/b")),
                patch(Arbitraries.of("Intro").injectNull(0.5)),
                patch(Arbitraries.of("Politiek").injectNull(0.5)),
                patch(Arbitraries.of(T0, T1)),
                preconditions)
            .as(
                (headline, url, standfirst, section, publishedAt, ifMatch) ->
                    new Step(
                        new ReviseArticle(
                            headline, url, standfirst, section, publishedAt, "ed", T1),
                        ifMatch));
    return Arbitraries.frequencyOf(Tuple.of(1, publish), Tuple.of(4, revise))
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }

  /** Kept half of the time, else set to one of {@code values}. */
  private static <T> Arbitrary<Patch<T>> patch(Arbitrary<T> values) {
    return Arbitraries.oneOf(Arbitraries.just(Patch.<T>keep()), values.map(Patch::set));
  }
}
