package news.ticker.analysis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import news.ticker.analysis.analysis.AnalysisDecider.Change;
import news.ticker.analysis.analysis.AnalysisDecider.Context;
import news.ticker.analysis.analysis.AnalysisDecider.Decision;
import news.ticker.analysis.analysis.AnalysisDecider.Redaction;
import news.ticker.analysis.analysis.AnalysisDecider.Rejected;
import news.ticker.analysis.analysis.AnalysisDecider.State;
import news.ticker.analysis.analysis.AnalysisDecider.Unchanged;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.analysis.content.ReadingMetrics;
import news.ticker.devstack.testing.IfMatchCase;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.PreconditionFailed;
import news.ticker.platform.http.IfMatch;

/**
 * {@link AnalysisDecider} over arbitrary histories of commands to one analysis, valid and not:
 * withdrawing a draft, anything after a redaction, stale or weak {@code If-Match}, and every no-op
 * (the same content again, publishing what is published, withdrawing what is withdrawn, redacting
 * what is redacted). A history is played as {@code AnalysisService} plays it: {@code If-Match} must
 * hold, then the decider decides, and the analysis row ({@link Analysis}) takes the change over;
 * the next command is decided on the row's state. (A command to an analysis that does not exist
 * never reaches the decider: the service answers 404 when it finds no row.) Seeds are pinned: a
 * failure reproduces with the same run, and jqwik prints the shrunk history.
 */
@StatisticsReport(StatisticsReportMode.OFF)
class AnalysisDeciderPropertiesTest {

  private static final String ACTOR = "test-editor";
  private static final UUID ID = UUID.fromString("0195b2a0-0000-7000-8000-0000000000d1");
  private static final UUID STORY = UUID.fromString("0195b2a0-0000-7000-8000-000000000001");
  private static final UUID ANCHOR = UUID.fromString("0195b2a0-0000-7000-8000-0000000000a1");
  private static final Instant NOW = Instant.parse("2025-11-27T10:15:30.123456Z");
  private static final Context CONTEXT =
      new Context(ACTOR, NOW, "https://ticker.news/api/v1/analyses/" + ID);
  private static final List<AnalysisContent> CONTENTS =
      List.of(
          new AnalysisContent(
              "Titel", "Intro", "<p>Tekst</p>", List.of("Anna"), "nl", new ReadingMetrics(1, 1)),
          new AnalysisContent(
              "Titel", null, "<p>Tekst</p>", List.of("Anna"), "nl", new ReadingMetrics(1, 1)),
          new AnalysisContent(
              "Other", null, "<p>Other body</p>", List.of(), "en", new ReadingMetrics(2, 1)));

  /** The analysis before it was created: what the creation's change is folded onto. */
  private static final State NONE =
      new State(ID, STORY, ANCHOR, null, AnalysisStatus.DRAFT, 0, false, false);

  @Property(tries = 300, seed = "20251127")
  void everyChangeAdvancesTheVersionByExactlyOne(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      if (turn.result() instanceof Took took) {
        assertThat(took.version()).as("%s", took).isEqualTo(turn.before().version() + 1);
        assertThat(took.evolve(turn.before()).version()).isEqualTo(turn.before().version() + 1);
        assertThat(turn.after().version()).isEqualTo(turn.before().version() + 1);
      } else {
        assertThat(turn.after().version()).isEqualTo(turn.before().version());
      }
      if (turn.expected() == Outcome.CHANGE) {
        assertThat(turn.result())
            .as("%s on %s", turn.step(), turn.before())
            .isInstanceOf(Took.class);
      }
    }
  }

  @Property(tries = 300, seed = "20251128")
  void aNoOpCommandChangesNothing(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      boolean nothing = turn.result() instanceof Nothing;
      assertThat(nothing)
          .as("%s on %s gave %s", turn.step(), turn.before(), turn.result())
          .isEqualTo(turn.expected() == Outcome.NO_OP);
      if (nothing) {
        assertThat(turn.after()).isEqualTo(turn.before());
        Statistics.label("no-op").collect(turn.step().command().getClass().getSimpleName());
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
    Statistics.label("no-op")
        .coverage(
            checker -> {
              for (Class<?> noOp :
                  List.of(Revise.class, Publish.class, Unpublish.class, Redact.class)) {
                checker.check(noOp.getSimpleName()).count((Integer n) -> n > 0);
              }
            });
  }

  @Property(tries = 300, seed = "20251129")
  void aRefusedCommandChangesNothing(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      if (turn.result() instanceof Refused refused) {
        assertThat(turn.refusal())
            .as("%s on %s refused by %s", turn.step(), turn.before(), refused.rejection())
            .isNotNull();
        assertThat(refused.rejection())
            .as("%s on %s", turn.step(), turn.before())
            .isInstanceOf(turn.refusal());
        assertThat(turn.after()).isEqualTo(turn.before());
        Statistics.label("refused").collect(refused.rejection().getClass().getSimpleName());
      } else {
        assertThat(turn.refusal())
            .as("%s on %s gave %s", turn.step(), turn.before(), turn.result())
            .isNull();
      }
    }
    Statistics.label("refused")
        .coverage(
            checker -> {
              checker.check(Conflict.class.getSimpleName()).count((Integer n) -> n > 0);
              checker.check(PreconditionFailed.class.getSimpleName()).count((Integer n) -> n > 0);
            });
  }

  @Property(tries = 300, seed = "20251130")
  void theStateDecidedOnIsTheFoldOfEveryChangeTaken(@ForAll("histories") List<Step> history) {
    // evolve, one change at a time from before the creation, over everything the row took over
    State rebuilt = AnalysisDecider.evolve(NONE, CREATION);
    for (Turn turn : play(history)) {
      assertThat(turn.before()).as("before %s", turn.step()).isEqualTo(rebuilt);
      if (turn.result() instanceof Took took) {
        rebuilt = took.evolve(rebuilt);
      }
    }
  }

  @Property(tries = 300, seed = "20251201")
  void onlyWhatWasPublishedIsAnnounced(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      State before = turn.before();
      if (turn.result() instanceof Changed changed) {
        boolean announced =
            before.status() == AnalysisStatus.PUBLISHED
                || changed.change().status() == AnalysisStatus.PUBLISHED;
        assertThat(changed.change().event().isPresent()).as("%s", changed).isEqualTo(announced);
      } else if (turn.result() instanceof Redacted redacted) {
        assertThat(redacted.redaction().event().isPresent())
            .as("%s", redacted)
            .isEqualTo(before.everPublished());
      }
    }
  }

  // --- playing a history ---

  /** The creation: the draft at version 1, as {@link Analysis#newDraft} records it. */
  private static final Change CREATION =
      new Change(AnalysisStatus.DRAFT, CONTENTS.get(0), 1, true, Optional.empty());

  /** What the rules say a command must do to a state. */
  enum Outcome {
    REFUSED,
    NO_OP,
    CHANGE
  }

  sealed interface Command permits Revise, Publish, Unpublish, Redact {}

  record Revise(AnalysisContent content) implements Command {}

  record Publish() implements Command {}

  record Unpublish() implements Command {}

  record Redact(String reason) implements Command {}

  /** A command and the {@code If-Match} it is sent with. */
  record Step(Command command, IfMatchCase ifMatch) {}

  /** What a command did: refused, nothing, or a change the row took over. */
  sealed interface Result permits Refused, Nothing, Took {}

  record Refused(Rejection rejection) implements Result {}

  record Nothing() implements Result {}

  /** A change taken over by the row: one version more. */
  sealed interface Took extends Result permits Changed, Redacted {
    long version();

    State evolve(State state);

    void applyTo(Analysis row);
  }

  record Changed(Change change) implements Took {
    @Override
    public long version() {
      return change.version();
    }

    @Override
    public State evolve(State state) {
      return AnalysisDecider.evolve(state, change);
    }

    @Override
    public void applyTo(Analysis row) {
      row.apply(change, CONTEXT.actor(), CONTEXT.now());
    }
  }

  record Redacted(String reason, Redaction redaction) implements Took {
    @Override
    public long version() {
      return redaction.version();
    }

    @Override
    public State evolve(State state) {
      return AnalysisDecider.evolve(state, redaction);
    }

    @Override
    public void applyTo(Analysis row) {
      row.redact(reason, redaction.version(), CONTEXT.actor(), CONTEXT.now());
    }
  }

  /**
   * One command played: the row's state it was decided on, what it did, the row's state after it,
   * and what the rules expected ({@code refusal}: the rejection's type when refused, else null).
   */
  record Turn(
      Step step,
      State before,
      Result result,
      State after,
      Outcome expected,
      Class<? extends Rejection> refusal) {}

  /** Plays a history on a new draft row; each command is decided on the row's current state. */
  private static List<Turn> play(List<Step> history) {
    Analysis row = Analysis.newDraft(STORY, ANCHOR, CONTENTS.get(0), ACTOR, NOW);
    row.id = ID;
    List<Turn> turns = new ArrayList<>(history.size());
    for (Step step : history) {
      State before = row.state();
      Result result = decide(step, before);
      if (result instanceof Took took) {
        took.applyTo(row);
      }
      Class<? extends Rejection> refusal = expectedRefusal(step, before);
      Outcome expected =
          refusal != null
              ? Outcome.REFUSED
              : changesNothing(step.command(), before) ? Outcome.NO_OP : Outcome.CHANGE;
      turns.add(new Turn(step, before, result, row.state(), expected, refusal));
    }
    return turns;
  }

  /** As {@code AnalysisService}: If-Match on the locked row, then the rules. */
  private static Result decide(Step step, State state) {
    Optional<Rejection> stale =
        IfMatch.parse(step.ifMatch().header(state.version())).refusal(state.version());
    if (stale.isPresent()) {
      return new Refused(stale.get());
    }
    if (step.command() instanceof Redact redact) {
      return AnalysisDecider.redact(state, redact.reason(), CONTEXT)
          .<Result>map(redaction -> new Redacted(redact.reason(), redaction))
          .orElseGet(Nothing::new);
    }
    Decision decision;
    if (step.command() instanceof Revise revise) {
      decision = AnalysisDecider.revise(state, revise.content(), CONTEXT);
    } else if (step.command() instanceof Publish) {
      decision = AnalysisDecider.publish(state, CONTEXT);
    } else {
      decision = AnalysisDecider.unpublish(state, CONTEXT);
    }
    if (decision instanceof Rejected rejected) {
      return new Refused(rejected.rejection());
    }
    if (decision instanceof Change change) {
      return new Changed(change);
    }
    assertThat(decision).isInstanceOf(Unchanged.class);
    return new Nothing();
  }

  /** The rules, written from the state: which commands must be refused, and how. */
  private static Class<? extends Rejection> expectedRefusal(Step step, State state) {
    if (!step.ifMatch().holdsAt(state.version())) {
      return PreconditionFailed.class;
    }
    if (step.command() instanceof Redact) {
      return null;
    }
    if (state.redacted()) {
      return Conflict.class;
    }
    return step.command() instanceof Unpublish && state.status() == AnalysisStatus.DRAFT
        ? Conflict.class
        : null;
  }

  /** The no-ops: a command, not refused, that asks for what the analysis already is. */
  private static boolean changesNothing(Command command, State state) {
    if (command instanceof Revise revise) {
      return revise.content().equals(state.content());
    } else if (command instanceof Publish) {
      return state.status() == AnalysisStatus.PUBLISHED;
    } else if (command instanceof Unpublish) {
      return state.status() == AnalysisStatus.WITHDRAWN;
    }
    return state.redacted();
  }

  // --- generators ---

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<IfMatchCase> ifMatch =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(IfMatchCase.NONE)),
            Tuple.of(3, Arbitraries.just(IfMatchCase.CURRENT)),
            Tuple.of(2, Arbitraries.of(IfMatchCase.values())));
    Arbitrary<Command> command =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of(CONTENTS).map(Revise::new)),
            Tuple.of(3, Arbitraries.just(new Publish())),
            Tuple.of(3, Arbitraries.just(new Unpublish())),
            Tuple.of(1, Arbitraries.of("court order", "privacy").map(Redact::new)));
    return Combinators.combine(command, ifMatch).as(Step::new).list().ofMinSize(1).ofMaxSize(15);
  }
}
