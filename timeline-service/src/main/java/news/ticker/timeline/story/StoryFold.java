package news.ticker.timeline.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.changes.StoredChanges;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.feed.Revision;
import news.ticker.timeline.feed.UpdateRendering;
import news.ticker.timeline.feed.UpdateWithHistory;
import news.ticker.timeline.projection.fold.ViewFold;
import news.ticker.timeline.projection.fold.ViewRows;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RevisionRow;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;
import news.ticker.timeline.projection.fold.ViewState;

/**
 * A story rebuilt in memory by folding its change log: how {@code ?asOf=} shows a story exactly as
 * readers saw it at a past moment (fold the changes recorded by then). It folds with the
 * projection's own function, {@link ViewFold}, on the whole story, and renders the rows it gets as
 * the readers' endpoints render the stored ones ({@link UpdateRendering}).
 */
public final class StoryFold {

  /** Feed order: {@code publishedAt} descending, then id descending. */
  public static final Comparator<PublicUpdate> FEED_ORDER =
      Comparator.comparing(PublicUpdate::publishedAt)
          .thenComparing(u -> u.id().toString()) // PostgreSQL's uuid order
          .reversed();

  private final UUID storyId;
  private ViewState state = ViewState.EMPTY;
  private long version;
  private final Map<UUID, List<RevisionRow>> revisions = new HashMap<>();

  public StoryFold(UUID storyId) {
    this.storyId = storyId;
  }

  /** Whether the story had been opened by the last folded change. */
  public boolean opened() {
    return state.story() != null;
  }

  /** The version of the last folded change (0 before any). */
  public long version() {
    return version;
  }

  /** Folds one entry of the change log; entries must come in version order. */
  public void apply(ChangeLog.Entry entry) {
    Optional<Change> change = StoredChanges.change(storyId, entry);
    if (change.isPresent()) {
      apply(change.get());
    } else {
      state = ViewFold.unknown(state, entry.version(), entry.recordedAt());
      version = entry.version();
    }
  }

  /** Folds one change; changes must come in version order. */
  public void apply(Change change) {
    ViewFold.Step step = ViewFold.apply(state, change);
    state = step.state();
    version = change.version();
    RevisionRow revision = step.revision();
    if (revision != null) {
      revisions.computeIfAbsent(revision.updateId(), id -> new ArrayList<>()).add(revision);
    }
  }

  /** The header as it was. */
  public StoryHeader header(boolean degraded) {
    StoryRow story = state.story();
    List<PublicUpdate> feed = feed();
    List<StoryHeader.KeyEvent> keyEvents =
        feed.stream()
            .filter(PublicUpdate::keyEvent)
            .map(u -> new StoryHeader.KeyEvent(u.id(), u.headline(), u.publishedAt()))
            .toList();
    PublicUpdate pinned =
        story.pinnedUpdateId() == null
            ? null
            : Optional.ofNullable(state.updates().get(story.pinnedUpdateId()))
                .map(this::publicUpdate)
                .orElse(null);
    List<StoryHeader.RelatedArticleItem> related =
        state.related().values().stream()
            .sorted(Comparator.comparingLong(ViewRows.RelatedRow::linkedVersion))
            .map(
                r ->
                    new StoryHeader.RelatedArticleItem(
                        r.articleId(), r.headline(), r.url(), r.standfirst()))
            .toList();
    return StoryHeader.of(
        StorySummary.of(story), pinned, keyEvents, related, analysisItems(), degraded);
  }

  /** Every update in the feed (not retracted), in feed order. */
  public List<PublicUpdate> feed() {
    List<PublicUpdate> feed = new ArrayList<>();
    for (UpdateRow update : state.updates().values()) {
      if (!update.retracted()) {
        feed.add(publicUpdate(update));
      }
    }
    feed.sort(FEED_ORDER);
    return feed;
  }

  /** One update with its history, retracted or not. */
  public Optional<UpdateWithHistory> updateWithHistory(UUID updateId) {
    UpdateRow update = state.updates().get(updateId);
    if (update == null) {
      return Optional.empty();
    }
    List<Revision> history = new ArrayList<>();
    for (RevisionRow revision : revisions.getOrDefault(updateId, List.of())) {
      history.add(UpdateRendering.of(redactedWith(update, revision)));
    }
    return Optional.of(new UpdateWithHistory(publicUpdate(update), history));
  }

  /**
   * A revision of a redacted update shows no text, also when the log it was folded from still had
   * the text (the redaction blanks the log too; this does not depend on it).
   */
  private static RevisionRow redactedWith(UpdateRow update, RevisionRow revision) {
    if (!update.redacted() || update.redactedAt() == null || revision.redacted()) {
      return revision;
    }
    return new RevisionRow(
        revision.updateId(),
        revision.version(),
        revision.kind(),
        null,
        null,
        revision.authors(),
        ViewRows.REDACTED.equals(revision.kind()) ? revision.note() : null,
        !ViewRows.REDACTED.equals(revision.kind()),
        revision.keyId(),
        revision.recordedAt());
  }

  private List<StoryHeader.AnalysisItem> analysisItems() {
    return state.analyses().values().stream()
        .sorted(Comparator.comparingLong(AnalysisRow::attachedVersion))
        .map(StoryHeader.AnalysisItem::of)
        .toList();
  }

  private PublicUpdate publicUpdate(UpdateRow update) {
    AnalysisRow anchored =
        state.analyses().values().stream()
            .filter(a -> update.updateId().equals(a.anchorUpdateId()))
            .max(Comparator.comparingLong(AnalysisRow::attachedVersion))
            .orElse(null);
    return UpdateRendering.of(update, anchored);
  }
}
