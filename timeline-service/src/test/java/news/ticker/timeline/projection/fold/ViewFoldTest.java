package news.ticker.timeline.projection.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicChange;
import news.ticker.timeline.changes.PublicChange.Text;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;
import org.junit.jupiter.api.Test;

/**
 * The fold's rules, and the property the batched projection rests on: loading only the rows a batch
 * touches (and the pinned update), folding the batch and storing the difference gives, for any way
 * of cutting a story into batches, exactly what folding the whole story one change at a time gives.
 */
class ViewFoldTest {

  private static final UUID STORY = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final List<UUID> UPDATES = ids(1, 5);
  private static final List<UUID> ARTICLES = ids(11, 3);
  private static final List<UUID> ANALYSES = ids(21, 2);

  @Test
  void pinningAnUpdateUnpinsThePreviousOne() {
    List<Change> story =
        story(
            new PublicChange.UpdatePosted(
                UPDATES.get(0), Text.of("a"), Text.of("<p>a</p>"), List.of(), false, true, T0),
            new PublicChange.UpdatePosted(
                UPDATES.get(1), Text.of("b"), Text.of("<p>b</p>"), List.of(), false, false, T0),
            new PublicChange.UpdatePinned(UPDATES.get(1)));

    ViewState state = foldAll(story);

    assertThat(state.story().pinnedUpdateId()).isEqualTo(UPDATES.get(1));
    assertThat(state.updates().get(UPDATES.get(0)).pinned()).isFalse();
    assertThat(state.updates().get(UPDATES.get(1)).pinned()).isTrue();
    assertThat(state.story().updateCount()).isEqualTo(2);
    assertThat(state.story().version()).isEqualTo(4);
  }

  @Test
  void retractingThePinnedUpdateUnpinsTheStoryAndCountsOneLess() {
    List<Change> story =
        story(
            new PublicChange.UpdatePosted(
                UPDATES.get(0), Text.of("a"), Text.of("<p>a</p>"), List.of(), true, true, T0),
            new PublicChange.UpdateRetracted(UPDATES.get(0)));

    ViewFold.Step last = null;
    ViewState state = ViewState.EMPTY;
    for (Change change : story) {
      last = ViewFold.apply(state, change);
      state = last.state();
    }

    assertThat(state.story().pinnedUpdateId()).isNull();
    assertThat(state.story().updateCount()).isZero();
    assertThat(state.updates().get(UPDATES.get(0)).retracted()).isTrue();
    assertThat(last.revision().kind()).isEqualTo(ViewRows.RETRACTED);
    assertThat(last.keyEvent()).isTrue();
  }

  @Test
  void aRedactionBlanksTheTextsAndKeepsItsPublicNote() {
    List<Change> story =
        story(
            new PublicChange.UpdatePosted(
                UPDATES.get(0),
                Text.of("secret"),
                Text.of("<p>s</p>"),
                List.of(),
                false,
                false,
                T0),
            new PublicChange.UpdateCorrected(
                UPDATES.get(0), Text.of("secret 2"), Text.of("<p>s</p>"), List.of(), Text.of("n")),
            new PublicChange.UpdateRedacted(
                UPDATES.get(0), new PublicChange.RedactionNote("legal", T0)));

    UpdateRow update = foldAll(story).updates().get(UPDATES.get(0));

    assertThat(update.headline()).isNull();
    assertThat(update.body()).isNull();
    assertThat(update.correctionNote()).isNull();
    assertThat(update.redacted()).isTrue();
    assertThat(update.redactionReason()).isEqualTo("legal");
  }

  @Test
  void aChangeAboutAnUnknownUpdateOnlyMovesTheVersion() {
    List<Change> story =
        story(
            new PublicChange.UpdateEdited(UPDATES.get(3), Text.of("x"), Text.of("y"), List.of()),
            new PublicChange.UpdatePinned(UPDATES.get(3)));

    ViewState state = foldAll(story);

    assertThat(state.updates()).isEmpty();
    assertThat(state.story().pinnedUpdateId()).isNull();
    assertThat(state.story().version()).isEqualTo(3);
  }

  // ---- Properties ----

  @Property(tries = 300, seed = "20261205")
  void foldingInBatchesOfAnySizeGivesWhatFoldingOneByOneGives(
      @ForAll("stories") List<PublicChange> bodies, @ForAll("cuts") List<Integer> cuts) {
    List<Change> story = story(bodies.toArray(PublicChange[]::new));

    ViewState oneByOne = foldAll(story);
    ViewState table = inBatches(story, cuts);

    assertThat(table).isEqualTo(oneByOne);
  }

  @Property(tries = 200, seed = "20261205")
  void aRetractionOrRedactionInABatchBlanksWhatTheBatchWroteBefore(
      @ForAll("stories") List<PublicChange> bodies, @ForAll("cuts") List<Integer> cuts) {
    List<PublicChange> withEnd = new ArrayList<>(bodies);
    withEnd.add(
        new PublicChange.UpdateRedacted(UPDATES.get(0), new PublicChange.RedactionNote("r", T0)));
    withEnd.add(new PublicChange.UpdateRetracted(UPDATES.get(1)));
    List<Change> story = story(withEnd.toArray(PublicChange[]::new));

    ViewState table = inBatches(story, cuts);

    UpdateRow redacted = table.updates().get(UPDATES.get(0));
    if (redacted != null) {
      assertThat(redacted.headline()).isNull();
      assertThat(redacted.body()).isNull();
      assertThat(redacted.correctionNote()).isNull();
      assertThat(redacted.redacted()).isTrue();
    }
    UpdateRow retracted = table.updates().get(UPDATES.get(1));
    if (retracted != null) {
      assertThat(retracted.retracted()).isTrue();
      assertThat(retracted.pinned()).isFalse();
      assertThat(table.story().pinnedUpdateId()).isNotEqualTo(UPDATES.get(1));
    }
  }

  /**
   * What a batched writer does: per batch, loads the header, the touched rows and the pinned update
   * from the table, folds, and stores the difference.
   */
  private static ViewState inBatches(List<Change> story, List<Integer> cuts) {
    ViewState table = ViewState.EMPTY;
    int from = 0;
    int cut = 0;
    while (from < story.size()) {
      int size = cuts.isEmpty() ? 1 : cuts.get(cut++ % cuts.size());
      List<Change> batch = story.subList(from, Math.min(story.size(), from + size));
      from += batch.size();
      Touched touched = Touched.by(batch);
      ViewState before = table;
      Map<UUID, UpdateRow> updates = new HashMap<>();
      for (UUID id : touched.updates()) {
        if (table.updates().containsKey(id)) {
          updates.put(id, table.updates().get(id));
        }
      }
      if (table.story() != null && table.story().pinnedUpdateId() != null) {
        UUID pinned = table.story().pinnedUpdateId();
        if (table.updates().containsKey(pinned)) {
          updates.put(pinned, table.updates().get(pinned));
        }
      }
      Map<UUID, ViewRows.RelatedRow> related = new HashMap<>();
      touched.articles().stream()
          .filter(before.related()::containsKey)
          .forEach(id -> related.put(id, before.related().get(id)));
      Map<UUID, ViewRows.AnalysisRow> analyses = new HashMap<>();
      touched.analyses().stream()
          .filter(before.analyses()::containsKey)
          .forEach(id -> analyses.put(id, before.analyses().get(id)));
      ViewState loaded = ViewState.of(table.story(), updates, related, analyses);
      ViewState folded = loaded;
      for (Change change : batch) {
        folded = ViewFold.apply(folded, change).state();
      }
      table = store(table, ViewDiff.between(loaded, folded));
    }
    return table;
  }

  private static ViewState store(ViewState table, ViewDiff diff) {
    ViewState stored = diff.story() == null ? table : table.withStory(diff.story());
    for (UpdateRow row : diff.updates()) {
      stored = stored.withUpdate(row);
    }
    for (ViewRows.RelatedRow row : diff.related()) {
      stored = stored.withRelated(row.articleId(), row);
    }
    for (UUID id : diff.unlinked()) {
      stored = stored.withRelated(id, null);
    }
    for (ViewRows.AnalysisRow row : diff.analyses()) {
      stored = stored.withAnalysis(row.analysisId(), row);
    }
    for (UUID id : diff.detached()) {
      stored = stored.withAnalysis(id, null);
    }
    return stored;
  }

  private static ViewState foldAll(List<Change> story) {
    ViewState state = ViewState.EMPTY;
    for (Change change : story) {
      state = ViewFold.apply(state, change).state();
    }
    return state;
  }

  /** A story: opened, then the bodies, at versions 2, 3, … one second apart. */
  private static List<Change> story(PublicChange... bodies) {
    List<Change> changes = new ArrayList<>();
    changes.add(
        Change.of(
            STORY,
            1,
            T0,
            new PublicChange.StoryOpened(
                "Live", "live", "world", "nl", null, List.of("a"), null, T0),
            null));
    for (int i = 0; i < bodies.length; i++) {
      changes.add(Change.of(STORY, i + 2, T0.plusSeconds(i + 1), bodies[i], "key-" + (i % 3)));
    }
    return changes;
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<PublicChange>> stories() {
    Arbitrary<UUID> update = Arbitraries.of(UPDATES);
    Arbitrary<UUID> article = Arbitraries.of(ARTICLES);
    Arbitrary<UUID> analysis = Arbitraries.of(ANALYSES);
    Arbitrary<Text> text =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().ofMaxLength(6).map(Text::of),
            Arbitraries.just(Text.REDACTED));
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<PublicChange> change =
        Arbitraries.oneOf(
            Combinators.combine(update, text, text, flag, flag)
                .as(
                    (id, h, b, key, pin) ->
                        new PublicChange.UpdatePosted(id, h, b, List.of("x"), key, pin, T0)),
            Combinators.combine(update, text, text)
                .as((id, h, b) -> new PublicChange.UpdateEdited(id, h, b, List.of("y"))),
            Combinators.combine(update, text, text, text)
                .as((id, h, b, n) -> new PublicChange.UpdateCorrected(id, h, b, List.of(), n)),
            update.map(PublicChange.UpdateRetracted::new),
            update.map(
                id -> new PublicChange.UpdateRedacted(id, new PublicChange.RedactionNote("r", T0))),
            update.map(PublicChange.UpdatePinned::new),
            update.map(PublicChange.UpdateUnpinned::new),
            update.map(PublicChange.KeyEventMarked::new),
            update.map(PublicChange.KeyEventUnmarked::new),
            Combinators.combine(article, text)
                .as(
                    (id, h) ->
                        new PublicChange.RelatedArticleLinked(
                            id, h.text(), "https://x/" + id, null)),
            article.map(PublicChange.RelatedArticleUnlinked::new),
            Combinators.combine(analysis, text, update)
                .as(
                    (id, t, anchor) ->
                        new PublicChange.AnalysisAttached(
                            id, t, Text.ABSENT, 4, "https://a/" + id, anchor)),
            analysis.map(PublicChange.AnalysisDetached::new),
            analysis.map(
                id ->
                    new PublicChange.AnalysisAttachmentRedacted(
                        id, new PublicChange.RedactionNote("r", T0))),
            Arbitraries.just(
                new PublicChange.StoryChanged("Live 2", "world", "s", List.of("b"), null)),
            Arbitraries.just(new PublicChange.StoryClosed(T0)));
    return change.list().ofMinSize(0).ofMaxSize(40);
  }

  private static List<UUID> ids(int first, int count) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(UUID.fromString(String.format("00000000-0000-0000-0000-%012d", first + i)));
    }
    return List.copyOf(ids);
  }
}
