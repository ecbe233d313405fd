package news.ticker.ingest.story;

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
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;
import news.ticker.devstack.testing.IfMatchCase;
import news.ticker.events.SealedText;
import news.ticker.events.StoryEvent;
import news.ticker.ingest.story.StoryCommand.AttachAnalysis;
import news.ticker.ingest.story.StoryCommand.ChangeStory;
import news.ticker.ingest.story.StoryCommand.CloseStory;
import news.ticker.ingest.story.StoryCommand.DetachAnalysis;
import news.ticker.ingest.story.StoryCommand.EditUpdate;
import news.ticker.ingest.story.StoryCommand.ImportUpdates;
import news.ticker.ingest.story.StoryCommand.ImportedUpdate;
import news.ticker.ingest.story.StoryCommand.LinkRelatedArticle;
import news.ticker.ingest.story.StoryCommand.MarkKeyEvent;
import news.ticker.ingest.story.StoryCommand.NewUpdate;
import news.ticker.ingest.story.StoryCommand.OpenStory;
import news.ticker.ingest.story.StoryCommand.PinUpdate;
import news.ticker.ingest.story.StoryCommand.PostUpdate;
import news.ticker.ingest.story.StoryCommand.RedactAnalysisAttachment;
import news.ticker.ingest.story.StoryCommand.RedactUpdate;
import news.ticker.ingest.story.StoryCommand.RetractUpdate;
import news.ticker.ingest.story.StoryCommand.UnlinkRelatedArticle;
import news.ticker.ingest.story.StoryCommand.UnmarkKeyEvent;
import news.ticker.ingest.story.StoryCommand.UnpinUpdate;
import news.ticker.ingest.story.StoryState.AttachedAnalysis;
import news.ticker.ingest.story.StoryState.Header;
import news.ticker.ingest.story.StoryState.RelatedArticle;
import news.ticker.ingest.story.StoryState.UpdateState;
import news.ticker.ingest.write.Patch;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.Invalid;
import news.ticker.platform.decision.Rejection.NotFound;
import news.ticker.platform.decision.Rejection.PreconditionFailed;
import news.ticker.platform.http.IfMatch;

/**
 * {@link StoryDecider} over arbitrary histories of every story command, valid and not: commands
 * before the story is opened, opening twice, stale, weak and {@code *} {@code If-Match}, updates
 * that do not exist (yet), posts and imports on a closed story, edits and pins of retracted or
 * redacted updates, coverage ending before it started, and every no-op. A history is played as
 * {@code StoryWrites} and the group commit play it: the story must be open, then {@code If-Match}
 * must hold, then the decider decides, and its events are folded onto the state the next command
 * meets. Seeds are pinned: a failure reproduces with the same run, and jqwik prints the shrunk
 * history.
 */
@StatisticsReport(StatisticsReportMode.OFF)
class StoryDeciderPropertiesTest {

  private static final String ACTOR = "reporter-1";
  private static final UUID STORY = UUID.fromString("0195b2a0-0000-7000-8000-000000000001");
  private static final List<UUID> UPDATES = ids("a", 3);
  private static final List<UUID> ARTICLES = ids("b", 2);
  private static final List<UUID> ANALYSES = ids("c", 2);
  private static final Instant T0 = Instant.parse("2025-03-19T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-19T11:00:00Z");
  private static final Instant T2 = Instant.parse("2025-03-19T12:00:00Z");

  @Property(tries = 200, seed = "20250319")
  void everyAppendedEventAdvancesTheVersionByExactlyOne(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      StoryState state = turn.before();
      for (StoryEvent event : turn.events()) {
        StoryState next = StoryDecider.evolve(state, event);
        assertThat(next.version()).as("after %s", event).isEqualTo(state.version() + 1);
        state = next;
      }
      assertThat(turn.after().version()).isEqualTo(turn.before().version() + turn.events().size());
      if (turn.expected() == Outcome.CHANGE) {
        assertThat(turn.events()).as("%s on %s", turn.step(), turn.before()).isNotEmpty();
      }
    }
  }

  @Property(tries = 200, seed = "20250320")
  void aNoOpCommandAppendsNothing(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      boolean acceptedEmpty =
          turn.decision() instanceof Decision.Accepted<StoryEvent> accepted
              && accepted.events().isEmpty();
      assertThat(acceptedEmpty)
          .as("%s on %s decided %s", turn.step(), turn.before(), turn.decision())
          .isEqualTo(turn.expected() == Outcome.NO_OP);
      if (acceptedEmpty) {
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
                  List.of(
                      ChangeStory.class,
                      CloseStory.class,
                      ImportUpdates.class,
                      RetractUpdate.class,
                      RedactUpdate.class,
                      PinUpdate.class,
                      UnpinUpdate.class,
                      MarkKeyEvent.class,
                      UnmarkKeyEvent.class,
                      LinkRelatedArticle.class,
                      UnlinkRelatedArticle.class,
                      AttachAnalysis.class,
                      DetachAnalysis.class,
                      RedactAnalysisAttachment.class)) {
                checker.check(noOp.getSimpleName()).count((Integer n) -> n > 0);
              }
            });
  }

  @Property(tries = 200, seed = "20250321")
  void aRefusedCommandChangesNothing(@ForAll("histories") List<Step> history) {
    for (Turn turn : play(history)) {
      if (turn.decision() instanceof Decision.Rejected<StoryEvent> rejected) {
        assertThat(turn.refusal())
            .as("%s on %s refused by %s", turn.step(), turn.before(), rejected.rejection())
            .isNotNull();
        assertThat(rejected.rejection())
            .as("%s on %s", turn.step(), turn.before())
            .isInstanceOf(turn.refusal());
        assertThat(turn.events()).isEmpty();
        assertThat(turn.after()).isEqualTo(turn.before());
        Statistics.label("refused").collect(rejected.rejection().getClass().getSimpleName());
      } else {
        assertThat(turn.refusal())
            .as("%s on %s decided %s", turn.step(), turn.before(), turn.decision())
            .isNull();
      }
    }
    Statistics.label("refused")
        .coverage(
            checker -> {
              for (Class<?> rejection :
                  List.of(
                      NotFound.class, Conflict.class, Invalid.class, PreconditionFailed.class)) {
                checker.check(rejection.getSimpleName()).count((Integer n) -> n > 0);
              }
            });
  }

  @Property(tries = 200, seed = "20250322")
  void theStateDecidedOnIsTheFoldOfEveryEventAppended(@ForAll("histories") List<Step> history) {
    // evolve, one event at a time from the unopened story, over everything appended so far
    StoryState rebuilt = StoryState.initial(STORY);
    for (Turn turn : play(history)) {
      assertThat(turn.before()).as("before %s", turn.step()).isEqualTo(rebuilt);
      for (StoryEvent event : turn.events()) {
        rebuilt = StoryDecider.evolve(rebuilt, event);
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
  record Step(StoryCommand command, IfMatchCase ifMatch) {}

  /**
   * One command played: the state it was decided on, the decision, the state after it, and what the
   * rules expected ({@code refusal}: the rejection's type when refused, else null).
   */
  record Turn(
      Step step,
      StoryState before,
      Decision<StoryEvent> decision,
      StoryState after,
      Outcome expected,
      Class<? extends Rejection> refusal) {

    List<StoryEvent> events() {
      return decision instanceof Decision.Accepted<StoryEvent> accepted
          ? accepted.events()
          : List.of();
    }
  }

  /**
   * Plays a history from an unopened story; each turn's state is the previous one's events folded
   * ({@link StoryDecider#fold}, as the streams and the cache do) onto its state.
   */
  private static List<Turn> play(List<Step> history) {
    List<Turn> turns = new ArrayList<>(history.size());
    StoryState state = StoryState.initial(STORY);
    for (Step step : history) {
      Decision<StoryEvent> decision = decide(step, state);
      StoryState after =
          decision instanceof Decision.Accepted<StoryEvent> accepted
              ? StoryDecider.fold(state, accepted.events())
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

  /** As {@code StoryWrites} and the group commit: opened, then If-Match, then the rules. */
  private static Decision<StoryEvent> decide(Step step, StoryState state) {
    if (!(step.command() instanceof OpenStory)) {
      Optional<Rejection> refused =
          StoryDecider.refuseUnlessOpened(state)
              .or(
                  () ->
                      IfMatch.parse(step.ifMatch().header(state.version()))
                          .refusal(state.version()));
      if (refused.isPresent()) {
        return Decision.reject(refused.get());
      }
    }
    return StoryDecider.decide(step.command(), state);
  }

  /** The rules, written from the state: which commands must be refused, and how. */
  private static Class<? extends Rejection> expectedRefusal(Step step, StoryState state) {
    StoryCommand command = step.command();
    if (command instanceof OpenStory) {
      return state.version() > 0 ? Conflict.class : null;
    }
    if (state.version() == 0) {
      return NotFound.class;
    }
    if (!step.ifMatch().holdsAt(state.version())) {
      return PreconditionFailed.class;
    }
    if (command instanceof CloseStory c) {
      Instant end = c.coverageEndTime() != null ? c.coverageEndTime() : c.at();
      return !state.closed() && end.isBefore(state.header().coverageStartTime())
          ? Invalid.class
          : null;
    }
    if (command instanceof PostUpdate c) {
      return state.closed() || state.updates().containsKey(c.updateId()) ? Conflict.class : null;
    }
    if (command instanceof ImportUpdates) {
      return state.closed() ? Conflict.class : null;
    }
    if (command instanceof EditUpdate c) {
      return unlessLive(state, c.updateId());
    }
    if (command instanceof PinUpdate c) {
      return unlessLive(state, c.updateId());
    }
    if (command instanceof MarkKeyEvent c) {
      return unlessLive(state, c.updateId());
    }
    UUID anyUpdate = updateOf(command);
    if (anyUpdate != null && !state.updates().containsKey(anyUpdate)) {
      return NotFound.class;
    }
    return null;
  }

  /** An update a command may change only while it is neither retracted nor redacted. */
  private static Class<? extends Rejection> unlessLive(StoryState state, UUID updateId) {
    UpdateState update = state.updates().get(updateId);
    if (update == null) {
      return NotFound.class;
    }
    return update.retracted() || update.redacted() ? Conflict.class : null;
  }

  /** The update of retract, redact, unpin and unmark: they accept any update the story has. */
  private static UUID updateOf(StoryCommand command) {
    if (command instanceof RetractUpdate c) {
      return c.updateId();
    } else if (command instanceof RedactUpdate c) {
      return c.updateId();
    } else if (command instanceof UnpinUpdate c) {
      return c.updateId();
    } else if (command instanceof UnmarkKeyEvent c) {
      return c.updateId();
    }
    return null;
  }

  /** The no-ops: a command, not refused, that asks for what the story already is. */
  private static boolean changesNothing(StoryCommand command, StoryState state) {
    if (command instanceof ChangeStory c) {
      Header h = state.header();
      return Objects.equals(c.title().applyTo(h.title()), h.title())
          && Objects.equals(c.section().applyTo(h.section()), h.section())
          && Objects.equals(c.summary().applyTo(h.summary()), h.summary())
          && Objects.equals(c.tags().applyTo(h.tags()), h.tags())
          && Objects.equals(c.canonicalUrl().applyTo(h.canonicalUrl()), h.canonicalUrl());
    } else if (command instanceof CloseStory) {
      return state.closed();
    } else if (command instanceof ImportUpdates c) {
      return c.updates().stream().allMatch(u -> state.updates().containsKey(u.updateId()));
    } else if (command instanceof RetractUpdate c) {
      return state.updates().get(c.updateId()).retracted();
    } else if (command instanceof RedactUpdate c) {
      return state.updates().get(c.updateId()).redacted();
    } else if (command instanceof PinUpdate c) {
      return c.updateId().equals(state.pinnedUpdateId());
    } else if (command instanceof UnpinUpdate c) {
      return !c.updateId().equals(state.pinnedUpdateId());
    } else if (command instanceof MarkKeyEvent c) {
      return state.updates().get(c.updateId()).keyEvent();
    } else if (command instanceof UnmarkKeyEvent c) {
      return !state.updates().get(c.updateId()).keyEvent();
    } else if (command instanceof LinkRelatedArticle c) {
      return new RelatedArticle(c.articleId(), c.headline(), c.url(), c.standfirst())
          .equals(state.relatedArticles().get(c.articleId()));
    } else if (command instanceof UnlinkRelatedArticle c) {
      return !state.relatedArticles().containsKey(c.articleId());
    } else if (command instanceof AttachAnalysis c) {
      return c.analysis().equals(state.analyses().get(c.analysisId()));
    } else if (command instanceof DetachAnalysis c) {
      return !state.analyses().containsKey(c.analysisId());
    } else if (command instanceof RedactAnalysisAttachment c) {
      AttachedAnalysis attached = state.analyses().get(c.analysisId());
      return attached != null && attached.redacted();
    }
    return false;
  }

  // --- generators: few ids and values, so that histories meet their own updates again ---

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<IfMatchCase> ifMatch =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(IfMatchCase.NONE)),
            Tuple.of(4, Arbitraries.just(IfMatchCase.CURRENT)),
            Tuple.of(3, Arbitraries.of(IfMatchCase.values())));
    Arbitrary<UUID> update = Arbitraries.of(UPDATES);
    Arbitrary<SealedText> text = Arbitraries.of(sealed("x"), sealed("y"));
    Arbitrary<Instant> time = Arbitraries.of(T0, T1, T2);

    Arbitrary<StoryCommand> open =
        Combinators.combine(
                Arbitraries.of("Politiek").injectNull(0.5),
                Arbitraries.of(List.<String>of(), List.of("a")),
                Arbitraries.of(T1).injectNull(0.5),
                time)
            .as(
                (section, tags, start, at) ->
                    new OpenStory(
                        new StoryState.Header(
                            "Verkiezingen", "verkiezingen", section, "nl", null, tags, null, start),
                        ACTOR,
                        at));
    Arbitrary<StoryCommand> change =
        Combinators.combine(
                patch(Arbitraries.of("Verkiezingen", "Uitslagen")),
                patch(Arbitraries.of("Politiek").injectNull(0.5)),
                patch(Arbitraries.of("Samenvatting").injectNull(0.5)),
                patch(Arbitraries.of(List.<String>of(), List.of("a"))),
                patch(Arbitraries.of("https://x.example/s").injectNull(0.5)))
            .as(
                (title, section, summary, tags, url) ->
                    new ChangeStory(title, section, summary, tags, url, ACTOR, T2));
    Arbitrary<StoryCommand> close =
        Combinators.combine(time.injectNull(0.4), time)
            .as((end, at) -> new CloseStory(end, ACTOR, at));
    Arbitrary<StoryCommand> post =
        Combinators.combine(update, text, Arbitraries.of(false, true), Arbitraries.of(false, true))
            .as(
                (id, headline, keyEvent, pinned) ->
                    new PostUpdate(
                        id,
                        new NewUpdate(
                            headline, sealed("body"), List.of("Ellen"), keyEvent, pinned, null),
                        ACTOR,
                        T1));
    Arbitrary<ImportedUpdate> imported =
        Combinators.combine(update, Arbitraries.of(false, true), Arbitraries.of(false, true))
            .as(
                (id, keyEvent, pinned) ->
                    new ImportedUpdate(
                        id,
                        "src-" + id,
                        new NewUpdate(sealed("h"), sealed("b"), List.of(), keyEvent, pinned, T0)));
    Arbitrary<StoryCommand> importing =
        imported.list().ofMaxSize(3).map(updates -> new ImportUpdates(updates, ACTOR, T1));
    Arbitrary<StoryCommand> edit =
        Combinators.combine(
                update,
                patch(text),
                text,
                patch(Arbitraries.of(List.<String>of(), List.of("Ellen"))),
                text.injectNull(0.5))
            .as(
                (id, headline, body, authors, note) ->
                    new EditUpdate(id, headline, body, authors, note, ACTOR, T2));
    Arbitrary<StoryCommand> onUpdate =
        Combinators.combine(update, Arbitraries.integers().between(0, 5))
            .as(
                (id, which) ->
                    switch (which) {
                      case 0 -> new RetractUpdate(id, "wrong", ACTOR, T2);
                      case 1 -> new RedactUpdate(id, "court order", ACTOR, T2);
                      case 2 -> new PinUpdate(id, ACTOR, T2);
                      case 3 -> new UnpinUpdate(id, ACTOR, T2);
                      case 4 -> new MarkKeyEvent(id, ACTOR, T2);
                      default -> new UnmarkKeyEvent(id, ACTOR, T2);
                    });
    Arbitrary<StoryCommand> related =
        Combinators.combine(
                Arbitraries.of(ARTICLES),
                Arbitraries.of("Kop", "Andere kop"),
                Arbitraries.of("Intro").injectNull(0.2),
                Arbitraries.integers().between(0, 3))
            .as(
                (id, headline, standfirst, which) ->
                    which > 0
                        ? new LinkRelatedArticle(
                            id, headline, "https://x.example/" + id, standfirst, ACTOR, T2)
                        : new UnlinkRelatedArticle(id, ACTOR, T2));
    Arbitrary<StoryCommand> analyses =
        Combinators.combine(
                Arbitraries.of(ANALYSES),
                Arbitraries.of("Duiding", "Nieuwe duiding"),
                Arbitraries.of(UPDATES.get(0)).injectNull(0.2),
                Arbitraries.integers().between(0, 4))
            .as(
                (id, title, anchor, which) ->
                    switch (which) {
                      case 0, 1 ->
                          new AttachAnalysis(
                              new AttachedAnalysis(
                                  id,
                                  title,
                                  null,
                                  4,
                                  "https://x.example/analyses/" + id,
                                  anchor,
                                  false),
                              "ticker-ingest",
                              T2);
                      case 2 -> new DetachAnalysis(id, "ticker-ingest", T2);
                      default ->
                          new RedactAnalysisAttachment(id, "court order", "ticker-ingest", T2);
                    });

    Arbitrary<StoryCommand> command =
        Arbitraries.frequencyOf(
            Tuple.of(2, open),
            Tuple.of(2, change),
            Tuple.of(1, close),
            Tuple.of(6, post),
            Tuple.of(2, importing),
            Tuple.of(3, edit),
            Tuple.of(12, onUpdate),
            Tuple.of(4, related),
            Tuple.of(5, analyses));
    Arbitrary<Step> step =
        Combinators.combine(command, ifMatch)
            .as(
                (c, precondition) ->
                    new Step(c, c instanceof OpenStory ? IfMatchCase.NONE : precondition));
    // Most histories open the story first; the others meet an unopened story.
    return Combinators.combine(
            Arbitraries.integers().between(0, 3).map(i -> i > 0),
            open,
            step.list()
                .ofMinSize(1)
                .ofMaxSize(40)
                .withSizeDistribution(RandomDistribution.uniform()))
        .as(
            (opens, first, rest) -> {
              List<Step> history = new ArrayList<>(rest.size() + 1);
              if (opens) {
                history.add(new Step(first, IfMatchCase.NONE));
              }
              history.addAll(rest);
              return history;
            });
  }

  /** Kept half of the time, else set to one of {@code values}. */
  private static <T> Arbitrary<Patch<T>> patch(Arbitrary<T> values) {
    return Arbitraries.oneOf(Arbitraries.just(Patch.<T>keep()), values.map(Patch::set));
  }

  private static SealedText sealed(String label) {
    return new SealedText(label, "nonce-" + label, "cipher-" + label);
  }

  private static List<UUID> ids(String prefix, int count) {
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      ids.add(UUID.fromString("0195b2a0-0000-7000-8000-0000000000" + prefix + i));
    }
    return List.copyOf(ids);
  }
}
