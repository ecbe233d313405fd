package news.ticker.ingest.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.events.SealedText;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.AnalysisAttached;
import news.ticker.events.StoryEvent.AnalysisDetached;
import news.ticker.events.StoryEvent.KeyEventMarked;
import news.ticker.events.StoryEvent.KeyEventUnmarked;
import news.ticker.events.StoryEvent.RelatedArticleLinked;
import news.ticker.events.StoryEvent.RelatedArticleUnlinked;
import news.ticker.events.StoryEvent.StoryChanged;
import news.ticker.events.StoryEvent.StoryClosed;
import news.ticker.events.StoryEvent.StoryOpened;
import news.ticker.events.StoryEvent.UpdateCorrected;
import news.ticker.events.StoryEvent.UpdateEdited;
import news.ticker.events.StoryEvent.UpdatePinned;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRedacted;
import news.ticker.events.StoryEvent.UpdateRetracted;
import news.ticker.events.StoryEvent.UpdateUnpinned;
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
import news.ticker.ingest.story.StoryCommand.RedactUpdate;
import news.ticker.ingest.story.StoryCommand.RetractUpdate;
import news.ticker.ingest.story.StoryCommand.UnlinkRelatedArticle;
import news.ticker.ingest.story.StoryCommand.UnmarkKeyEvent;
import news.ticker.ingest.story.StoryCommand.UnpinUpdate;
import news.ticker.ingest.story.StoryState.AttachedAnalysis;
import news.ticker.ingest.story.StoryState.Header;
import news.ticker.ingest.write.Patch;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.Invalid;
import news.ticker.platform.decision.Rejection.NotFound;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of a live story, without infrastructure. */
class StoryDeciderTest {

  private static final String ACTOR = "reporter-1";
  private static final Instant T0 = Instant.parse("2025-03-19T11:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-19T12:00:00Z");
  private static final UUID STORY = UUID.fromString("0195b2a0-0000-7000-8000-000000000001");
  private static final UUID U1 = UUID.fromString("0195b2a0-0000-7000-8000-0000000000a1");
  private static final UUID U2 = UUID.fromString("0195b2a0-0000-7000-8000-0000000000a2");
  private static final UUID ARTICLE = UUID.fromString("0195b2a0-0000-7000-8000-0000000000b1");
  private static final UUID ANALYSIS = UUID.fromString("0195b2a0-0000-7000-8000-0000000000c1");

  /** Decides on the state and folds the events in: the state after the command. */
  private static StoryState run(StoryState state, StoryCommand command) {
    return StoryDecider.fold(state, decide(command, state));
  }

  private static SealedText sealed(String label) {
    return new SealedText(label, "nonce-" + label, "cipher-" + label);
  }

  private static StoryState opened() {
    return run(
        StoryState.initial(STORY),
        new OpenStory(
            new Header(
                "Verkiezingen", "verkiezingen", "Politiek", "nl", null, List.of("a"), null, null),
            ACTOR,
            T0));
  }

  private static PostUpdate post(UUID updateId, boolean pinned) {
    return new PostUpdate(
        updateId,
        new NewUpdate(
            sealed("h-" + updateId),
            sealed("b-" + updateId),
            List.of("Ellen"),
            false,
            pinned,
            null),
        ACTOR,
        T1);
  }

  private static StoryState withUpdates(UUID... updates) {
    StoryState state = opened();
    for (UUID update : updates) {
      state = run(state, post(update, false));
    }
    return state;
  }

  /** The events of a command the decider must accept. */
  @SuppressWarnings("unchecked")
  private static List<StoryEvent> decide(StoryCommand command, StoryState state) {
    Decision<StoryEvent> decision = StoryDecider.decide(command, state);
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted<StoryEvent>) decision).events();
  }

  private static void assertRejected(
      Decision<StoryEvent> decision, Class<? extends Rejection> rejection) {
    assertThat(decision)
        .isInstanceOfSatisfying(
            Decision.Rejected.class, r -> assertThat(r.rejection()).isInstanceOf(rejection));
  }

  @Nested
  class Opening {

    @Test
    void opensAtVersionOneWithCoverageStartingNowByDefault() {
      List<StoryEvent> events =
          decide(
              new OpenStory(
                  new Header("T", "t", null, null, null, List.of(), null, null), ACTOR, T0),
              StoryState.initial(STORY));

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              StoryOpened.class,
              e -> {
                assertThat(e.coverageStartTime()).isEqualTo(T0);
                assertThat(e.actor()).isEqualTo(ACTOR);
                assertThat(e.occurredAt()).isEqualTo(T0);
              });
      assertThat(StoryDecider.fold(StoryState.initial(STORY), events).version()).isEqualTo(1);
    }

    @Test
    void refusesToOpenTwice() {
      assertRejected(
          StoryDecider.decide(
              new OpenStory(
                  new Header("T", "t", null, null, null, List.of(), null, null), ACTOR, T0),
              opened()),
          Conflict.class);
    }

    @Test
    void everyOtherCommandOnAStoryNeverOpenedIs404() {
      StoryState nothing = StoryState.initial(STORY);
      assertRejected(StoryDecider.decide(post(U1, false), nothing), NotFound.class);
      assertRejected(StoryDecider.decide(new CloseStory(null, ACTOR, T1), nothing), NotFound.class);
      assertRejected(
          StoryDecider.decide(
              new AttachAnalysis(
                  new AttachedAnalysis(ANALYSIS, "t", "s", 4, "l", null, false), ACTOR, T1),
              nothing),
          NotFound.class);
    }
  }

  @Nested
  class ChangingTheHeader {

    @Test
    void keepsFieldsThatAreNotSentAndCarriesTheCompleteNewHeader() {
      List<StoryEvent> events =
          decide(
              new ChangeStory(
                  Patch.set("Nieuwe titel"),
                  Patch.keep(),
                  Patch.set("Samenvatting"),
                  Patch.keep(),
                  Patch.keep(),
                  ACTOR,
                  T1),
              opened());

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              StoryChanged.class,
              e -> {
                assertThat(e.title()).isEqualTo("Nieuwe titel");
                assertThat(e.section()).isEqualTo("Politiek");
                assertThat(e.summary()).isEqualTo("Samenvatting");
                assertThat(e.tags()).containsExactly("a");
              });
    }

    @Test
    void nullClearsAnOptionalField() {
      StoryState changed =
          run(
              opened(),
              new ChangeStory(
                  Patch.keep(),
                  Patch.set(null),
                  Patch.keep(),
                  Patch.set(List.of()),
                  Patch.keep(),
                  ACTOR,
                  T1));

      assertThat(changed.header().section()).isNull();
      assertThat(changed.header().tags()).isEmpty();
      assertThat(changed.header().slug()).isEqualTo("verkiezingen");
    }

    @Test
    void changingNothingDecidesNothing() {
      assertThat(
              decide(
                  new ChangeStory(
                      Patch.set("Verkiezingen"),
                      Patch.keep(),
                      Patch.keep(),
                      Patch.set(List.of("a")),
                      Patch.keep(),
                      ACTOR,
                      T1),
                  opened()))
          .isEmpty();
    }
  }

  @Nested
  class Closing {

    @Test
    void closesWithCoverageEndingNowByDefault() {
      assertThat(decide(new CloseStory(null, ACTOR, T1), opened()))
          .singleElement()
          .isInstanceOfSatisfying(
              StoryClosed.class, e -> assertThat(e.coverageEndTime()).isEqualTo(T1));
    }

    @Test
    void closingAClosedStoryDecidesNothing() {
      StoryState closed = run(opened(), new CloseStory(null, ACTOR, T1));
      assertThat(decide(new CloseStory(null, ACTOR, T1), closed)).isEmpty();
    }

    @Test
    void coverageCannotEndBeforeItStarted() {
      assertRejected(
          StoryDecider.decide(new CloseStory(T0.minusSeconds(60), ACTOR, T1), opened()),
          Invalid.class);
    }

    @Test
    void aClosedStoryRefusesPostsAndImports() {
      StoryState closed = run(opened(), new CloseStory(null, ACTOR, T1));
      assertRejected(StoryDecider.decide(post(U1, false), closed), Conflict.class);
      assertRejected(
          StoryDecider.decide(
              new ImportUpdates(List.of(imported(U1, "s1", false)), ACTOR, T1), closed),
          Conflict.class);
    }

    @Test
    void aClosedStoryStillAcceptsCorrections() {
      StoryState closed = run(withUpdates(U1), new CloseStory(null, ACTOR, T1));
      assertThat(
              decide(
                  new EditUpdate(
                      U1, Patch.keep(), sealed("new"), Patch.keep(), sealed("note"), ACTOR, T1),
                  closed))
          .singleElement()
          .isInstanceOf(UpdateCorrected.class);
    }
  }

  @Nested
  class Posting {

    @Test
    void postsAnUpdateBackdatedOrNow() {
      PostUpdate backdated =
          new PostUpdate(
              U1, new NewUpdate(null, sealed("b"), List.of(), true, false, T0), ACTOR, T1);
      assertThat(decide(backdated, opened()))
          .singleElement()
          .isInstanceOfSatisfying(
              UpdatePosted.class,
              e -> {
                assertThat(e.publishedAt()).isEqualTo(T0);
                assertThat(e.occurredAt()).isEqualTo(T1);
                assertThat(e.keyEvent()).isTrue();
                assertThat(e.sourceId()).isNull();
              });
      assertThat(decide(post(U1, false), opened()))
          .singleElement()
          .isInstanceOfSatisfying(
              UpdatePosted.class, e -> assertThat(e.publishedAt()).isEqualTo(T1));
    }

    @Test
    void theSameUpdateIdCannotBePostedTwice() {
      assertRejected(StoryDecider.decide(post(U1, false), withUpdates(U1)), Conflict.class);
    }

    @Test
    void postingPinnedWhileAnotherIsPinnedUnpinsTheOtherFirst() {
      StoryState state = run(opened(), post(U1, true));

      List<StoryEvent> events = decide(post(U2, true), state);

      assertThat(events).hasSize(2);
      assertThat(events.get(0)).isEqualTo(new UpdateUnpinned(STORY, U1, ACTOR, T1));
      assertThat(events.get(1))
          .isInstanceOfSatisfying(UpdatePosted.class, e -> assertThat(e.pinned()).isTrue());
      assertThat(StoryDecider.fold(state, events).pinnedUpdateId()).isEqualTo(U2);
    }

    @Test
    void postingPinnedWithNothingPinnedOnlyPosts() {
      assertThat(decide(post(U1, true), opened())).singleElement().isInstanceOf(UpdatePosted.class);
    }
  }

  @Nested
  class Editing {

    @Test
    void anEditWithoutHeadlineOrAuthorsKeepsTheCurrentOnes() {
      StoryState state = withUpdates(U1);

      List<StoryEvent> events =
          decide(
              new EditUpdate(U1, Patch.keep(), sealed("new"), Patch.keep(), null, ACTOR, T1),
              state);

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              UpdateEdited.class,
              e -> {
                assertThat(e.headline()).isEqualTo(sealed("h-" + U1));
                assertThat(e.authors()).containsExactly("Ellen");
                assertThat(e.body()).isEqualTo(sealed("new"));
              });
    }

    @Test
    void anEditCanReplaceOrRemoveTheHeadline() {
      StoryState edited =
          run(
              withUpdates(U1),
              new EditUpdate(
                  U1, Patch.set(null), sealed("new"), Patch.set(List.of("Bas")), null, ACTOR, T1));

      assertThat(edited.update(U1).orElseThrow().headline()).isNull();
      assertThat(edited.update(U1).orElseThrow().authors()).containsExactly("Bas");
    }

    @Test
    void anEditWithANoteIsACorrection() {
      assertThat(
              decide(
                  new EditUpdate(
                      U1, Patch.keep(), sealed("new"), Patch.keep(), sealed("note"), ACTOR, T1),
                  withUpdates(U1)))
          .singleElement()
          .isInstanceOfSatisfying(
              UpdateCorrected.class, e -> assertThat(e.note()).isEqualTo(sealed("note")));
    }

    @Test
    void editingAnUnknownUpdateIs404() {
      assertRejected(
          StoryDecider.decide(
              new EditUpdate(U2, Patch.keep(), sealed("b"), Patch.keep(), null, ACTOR, T1),
              withUpdates(U1)),
          NotFound.class);
    }

    @Test
    void editingARetractedUpdateIs409() {
      StoryState state = run(withUpdates(U1), new RetractUpdate(U1, "wrong", ACTOR, T1));
      assertRejected(
          StoryDecider.decide(
              new EditUpdate(U1, Patch.keep(), sealed("b"), Patch.keep(), null, ACTOR, T1), state),
          Conflict.class);
    }
  }

  @Nested
  class Redacting {

    private final RedactUpdate redact = new RedactUpdate(U1, "Removed by court order", "admin", T1);

    @Test
    void redactsWithThePublicNote() {
      assertThat(decide(redact, withUpdates(U1)))
          .containsExactly(new UpdateRedacted(STORY, U1, "Removed by court order", "admin", T1));
    }

    @Test
    void theStateForgetsTheSealedTextsAndRemembersTheRedaction() {
      StoryState state = run(withUpdates(U1), redact);
      assertThat(state.update(U1).orElseThrow().redacted()).isTrue();
      assertThat(state.update(U1).orElseThrow().headline()).isNull();
      assertThat(state.version()).isEqualTo(3);
    }

    @Test
    void redactingARedactedUpdateChangesNothing() {
      assertThat(decide(redact, run(withUpdates(U1), redact))).isEmpty();
    }

    @Test
    void aRetractedUpdateCanStillBeRedacted() {
      StoryState retracted = run(withUpdates(U1), new RetractUpdate(U1, "wrong", ACTOR, T1));
      assertThat(decide(redact, retracted)).hasSize(1);
    }

    @Test
    void anUnknownUpdateIs404() {
      assertRejected(StoryDecider.decide(redact, withUpdates(U2)), NotFound.class);
    }

    @Test
    void aRedactedUpdateCannotBeEditedCorrectedPinnedOrMarked() {
      StoryState state = run(withUpdates(U1), redact);
      assertRejected(
          StoryDecider.decide(
              new EditUpdate(U1, Patch.keep(), sealed("b2"), Patch.keep(), null, ACTOR, T1), state),
          Conflict.class);
      assertRejected(
          StoryDecider.decide(
              new EditUpdate(U1, Patch.keep(), sealed("b2"), Patch.keep(), sealed("n"), ACTOR, T1),
              state),
          Conflict.class);
      assertRejected(StoryDecider.decide(new PinUpdate(U1, ACTOR, T1), state), Conflict.class);
      assertRejected(StoryDecider.decide(new MarkKeyEvent(U1, ACTOR, T1), state), Conflict.class);
    }

    @Test
    void aRedactedUpdateCanStillBeRetractedOrUnpinned() {
      StoryState state = run(run(withUpdates(U1), new PinUpdate(U1, ACTOR, T1)), redact);
      assertThat(state.pinnedUpdateId()).isEqualTo(U1);
      assertThat(decide(new UnpinUpdate(U1, ACTOR, T1), state)).hasSize(1);
      assertThat(decide(new RetractUpdate(U1, "gone", ACTOR, T1), state))
          .extracting(e -> e.getClass().getSimpleName())
          .containsExactly("UpdateUnpinned", "UpdateRetracted");
    }
  }

  @Nested
  class RedactingAnAnalysis {

    private final StoryCommand.RedactAnalysisAttachment redact =
        new StoryCommand.RedactAnalysisAttachment(ANALYSIS, "court", "admin", T1);

    @Test
    void anAttachedAnalysisKeepsOnlyItsNoteAndASecondRedactionChangesNothing() {
      StoryState attached =
          run(
              withUpdates(U1),
              new AttachAnalysis(
                  new AttachedAnalysis(ANALYSIS, "Titel", "Intro", 5, "https://a", U1, false),
                  ACTOR,
                  T1));
      assertThat(decide(redact, attached))
          .containsExactly(
              new StoryEvent.AnalysisAttachmentRedacted(STORY, ANALYSIS, "court", "admin", T1));
      StoryState redacted = run(attached, redact);
      assertThat(redacted.analyses().get(ANALYSIS).title()).isNull();
      assertThat(redacted.analyses().get(ANALYSIS).redacted()).isTrue();
      assertThat(decide(redact, redacted)).isEmpty();
    }

    @Test
    void aDetachedAnalysisIsStillRecordedAsRedacted() {
      assertThat(decide(redact, withUpdates(U1))).hasSize(1);
    }
  }

  @Nested
  class Retracting {

    @Test
    void retractsWithTheReason() {
      assertThat(decide(new RetractUpdate(U1, "wrong", ACTOR, T1), withUpdates(U1)))
          .containsExactly(new UpdateRetracted(STORY, U1, "wrong", ACTOR, T1));
    }

    @Test
    void retractingThePinnedUpdateUnpinsItFirst() {
      StoryState state = run(opened(), post(U1, true));

      List<StoryEvent> events = decide(new RetractUpdate(U1, "wrong", ACTOR, T1), state);

      assertThat(events)
          .containsExactly(
              new UpdateUnpinned(STORY, U1, ACTOR, T1),
              new UpdateRetracted(STORY, U1, "wrong", ACTOR, T1));
      assertThat(StoryDecider.fold(state, events).pinnedUpdateId()).isNull();
    }

    @Test
    void retractingTwiceDecidesNothing() {
      StoryState state = run(withUpdates(U1), new RetractUpdate(U1, "wrong", ACTOR, T1));
      assertThat(decide(new RetractUpdate(U1, "again", ACTOR, T1), state)).isEmpty();
    }

    @Test
    void retractingAnUnknownUpdateIs404() {
      assertRejected(
          StoryDecider.decide(new RetractUpdate(U2, "x", ACTOR, T1), withUpdates(U1)),
          NotFound.class);
    }
  }

  @Nested
  class Pinning {

    @Test
    void pinsAnUpdate() {
      assertThat(decide(new PinUpdate(U1, ACTOR, T1), withUpdates(U1)))
          .containsExactly(new UpdatePinned(STORY, U1, ACTOR, T1));
    }

    @Test
    void pinningThePinnedUpdateDecidesNothing() {
      StoryState state = run(withUpdates(U1), new PinUpdate(U1, ACTOR, T1));
      assertThat(decide(new PinUpdate(U1, ACTOR, T1), state)).isEmpty();
    }

    @Test
    void pinningAnotherUnpinsTheOldFirst() {
      StoryState state = run(withUpdates(U1, U2), new PinUpdate(U1, ACTOR, T1));

      List<StoryEvent> events = decide(new PinUpdate(U2, ACTOR, T1), state);

      assertThat(events)
          .containsExactly(
              new UpdateUnpinned(STORY, U1, ACTOR, T1), new UpdatePinned(STORY, U2, ACTOR, T1));
      assertThat(StoryDecider.fold(state, events).pinnedUpdateId()).isEqualTo(U2);
    }

    @Test
    void pinningUnknownIs404AndRetractedIs409() {
      assertRejected(
          StoryDecider.decide(new PinUpdate(U2, ACTOR, T1), withUpdates(U1)), NotFound.class);
      StoryState retracted = run(withUpdates(U1), new RetractUpdate(U1, "x", ACTOR, T1));
      assertRejected(StoryDecider.decide(new PinUpdate(U1, ACTOR, T1), retracted), Conflict.class);
    }

    @Test
    void unpinsOnlyThePinnedUpdate() {
      StoryState state = run(withUpdates(U1, U2), new PinUpdate(U1, ACTOR, T1));
      assertThat(decide(new UnpinUpdate(U2, ACTOR, T1), state)).isEmpty();
      assertThat(decide(new UnpinUpdate(U1, ACTOR, T1), state))
          .containsExactly(new UpdateUnpinned(STORY, U1, ACTOR, T1));
      assertRejected(
          StoryDecider.decide(new UnpinUpdate(UUID.randomUUID(), ACTOR, T1), state),
          NotFound.class);
    }
  }

  @Nested
  class KeyEvents {

    @Test
    void markingAndUnmarkingAreIdempotent() {
      StoryState state = withUpdates(U1);
      assertThat(decide(new UnmarkKeyEvent(U1, ACTOR, T1), state)).isEmpty();

      StoryState marked = run(state, new MarkKeyEvent(U1, ACTOR, T1));
      assertThat(marked.update(U1).orElseThrow().keyEvent()).isTrue();
      assertThat(decide(new MarkKeyEvent(U1, ACTOR, T1), marked)).isEmpty();
      assertThat(decide(new UnmarkKeyEvent(U1, ACTOR, T1), marked))
          .containsExactly(new KeyEventUnmarked(STORY, U1, ACTOR, T1));
    }

    @Test
    void marksAnUpdate() {
      assertThat(decide(new MarkKeyEvent(U1, ACTOR, T1), withUpdates(U1)))
          .containsExactly(new KeyEventMarked(STORY, U1, ACTOR, T1));
    }

    @Test
    void markingUnknownIs404AndRetractedIs409() {
      assertRejected(
          StoryDecider.decide(new MarkKeyEvent(U2, ACTOR, T1), withUpdates(U1)), NotFound.class);
      StoryState retracted = run(withUpdates(U1), new RetractUpdate(U1, "x", ACTOR, T1));
      assertRejected(
          StoryDecider.decide(new MarkKeyEvent(U1, ACTOR, T1), retracted), Conflict.class);
    }
  }

  @Nested
  class RelatedArticles {

    private final LinkRelatedArticle link =
        new LinkRelatedArticle(ARTICLE, "Achtergrond", "https://x.example/a", "Kort", ACTOR, T1);

    @Test
    void linksWithTheArticlesSnapshot() {
      assertThat(decide(link, opened()))
          .containsExactly(
              new RelatedArticleLinked(
                  STORY, ARTICLE, "Achtergrond", "https://x.example/a", "Kort", ACTOR, T1));
    }

    @Test
    void linkingTheSameSnapshotAgainDecidesNothingButANewSnapshotRelinks() {
      StoryState linked = run(opened(), link);
      assertThat(decide(link, linked)).isEmpty();

      LinkRelatedArticle revised =
          new LinkRelatedArticle(ARTICLE, "Nieuw", "https://x.example/a", "Kort", ACTOR, T1);
      assertThat(decide(revised, linked)).singleElement().isInstanceOf(RelatedArticleLinked.class);
    }

    @Test
    void unlinksOnlyWhatIsLinked() {
      assertThat(decide(new UnlinkRelatedArticle(ARTICLE, ACTOR, T1), opened())).isEmpty();
      assertThat(decide(new UnlinkRelatedArticle(ARTICLE, ACTOR, T1), run(opened(), link)))
          .containsExactly(new RelatedArticleUnlinked(STORY, ARTICLE, ACTOR, T1));
    }
  }

  @Nested
  class Analyses {

    private final AttachAnalysis attach =
        new AttachAnalysis(
            new AttachedAnalysis(
                ANALYSIS, "Analyse", "Waarom", 7, "https://x.example/an", U1, false),
            "analyst",
            T1);

    @Test
    void attachesOnceEvenWhenTheSameAnalysisArrivesAgain() {
      StoryState state = withUpdates(U1);
      assertThat(decide(attach, state))
          .singleElement()
          .isInstanceOfSatisfying(
              AnalysisAttached.class,
              e -> {
                assertThat(e.readingTimeMinutes()).isEqualTo(7);
                assertThat(e.anchorUpdateId()).isEqualTo(U1);
                assertThat(e.actor()).isEqualTo("analyst");
              });
      assertThat(decide(attach, run(state, attach))).isEmpty();
    }

    @Test
    void aRevisionWithNewMetadataAttachesAgain() {
      StoryState attached = run(withUpdates(U1), attach);
      AttachAnalysis revised =
          new AttachAnalysis(
              new AttachedAnalysis(
                  ANALYSIS, "Analyse (bijgewerkt)", "Waarom", 8, "https://x.example/an", U1, false),
              "analyst",
              T1);
      assertThat(decide(revised, attached)).hasSize(1);
    }

    @Test
    void detachesOnlyWhatIsAttached() {
      DetachAnalysis detach = new DetachAnalysis(ANALYSIS, "analyst", T1);
      assertThat(decide(detach, opened())).isEmpty();
      assertThat(decide(detach, run(opened(), attach)))
          .containsExactly(new AnalysisDetached(STORY, ANALYSIS, "analyst", T1));
    }
  }

  @Nested
  class Importing {

    @Test
    void importsNewUpdatesWithTheirSourceIdsAndSkipsThoseAlreadyPresent() {
      StoryState state =
          run(opened(), new ImportUpdates(List.of(imported(U1, "s1", false)), ACTOR, T1));

      List<StoryEvent> events =
          decide(
              new ImportUpdates(
                  List.of(imported(U1, "s1", false), imported(U2, "s2", false)), ACTOR, T1),
              state);

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              UpdatePosted.class,
              e -> {
                assertThat(e.updateId()).isEqualTo(U2);
                assertThat(e.sourceId()).isEqualTo("s2");
                assertThat(e.publishedAt()).isEqualTo(T0);
              });
    }

    @Test
    void aLineRepeatedInOneImportIsPostedOnce() {
      List<StoryEvent> events =
          decide(
              new ImportUpdates(
                  List.of(imported(U1, "s1", false), imported(U1, "s1", false)), ACTOR, T1),
              opened());
      assertThat(events).hasSize(1);
    }

    @Test
    void pinnedLinesUnpinTheOnePinnedBeforeThem() {
      StoryState state = run(opened(), post(U1, true));
      UUID u3 = UUID.randomUUID();

      List<StoryEvent> events =
          decide(
              new ImportUpdates(
                  List.of(imported(U2, "s2", true), imported(u3, "s3", true)), ACTOR, T1),
              state);

      assertThat(events)
          .extracting(e -> e.getClass().getSimpleName())
          .containsExactly("UpdateUnpinned", "UpdatePosted", "UpdateUnpinned", "UpdatePosted");
      assertThat(((UpdateUnpinned) events.get(0)).updateId()).isEqualTo(U1);
      assertThat(((UpdateUnpinned) events.get(2)).updateId()).isEqualTo(U2);
      assertThat(StoryDecider.fold(state, events).pinnedUpdateId()).isEqualTo(u3);
    }
  }

  @Nested
  class Folding {

    @Test
    void theVersionIsTheNumberOfEvents() {
      StoryState state = run(withUpdates(U1, U2), new PinUpdate(U1, ACTOR, T1));
      assertThat(state.version()).isEqualTo(4);
      assertThat(state.updates()).containsOnlyKeys(U1, U2);
    }

    @Test
    void evolveLeavesTheGivenStateUntouched() {
      StoryState before = withUpdates(U1);
      StoryState after = StoryDecider.evolve(before, new KeyEventMarked(STORY, U1, ACTOR, T1));

      assertThat(before.update(U1).orElseThrow().keyEvent()).isFalse();
      assertThat(after.update(U1).orElseThrow().keyEvent()).isTrue();
      assertThat(after.version()).isEqualTo(before.version() + 1);
    }

    @Test
    void refusesAnEventOfAnotherStory() {
      assertThatThrownBy(
              () ->
                  StoryDecider.evolve(opened(), new StoryClosed(UUID.randomUUID(), T1, ACTOR, T1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static ImportedUpdate imported(UUID updateId, String sourceId, boolean pinned) {
    return new ImportedUpdate(
        updateId,
        sourceId,
        new NewUpdate(null, sealed("b-" + sourceId), List.of(), false, pinned, T0));
  }
}
