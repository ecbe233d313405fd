package news.ticker.timeline.projection.fold;

import java.time.Instant;
import java.util.UUID;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicChange;
import news.ticker.timeline.changes.PublicChange.Text;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RelatedRow;
import news.ticker.timeline.projection.fold.ViewRows.RevisionRow;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;

/**
 * The rules of a story's views, once: a pure function from a story's {@link ViewState} and one
 * rendered {@link Change} to the next state, the revision row it adds (if any) and whether the
 * change concerns a key event (for {@code ?only=key-events}). The live projection (in batches), the
 * per-event path of held stories and the rebuild all write what this function returns.
 *
 * <p>Every change moves the header's version and {@code updatedAt}. A change about a row the story
 * does not have (an edit of an update skipped at a gap, say) changes nothing else.
 */
public final class ViewFold {

  private ViewFold() {}

  /**
   * The result of one change.
   *
   * @param state the story after it
   * @param revision the row it adds to the update's history, or null
   * @param keyEvent whether the change concerns an update that is (or just stopped being) a key
   *     event
   */
  public record Step(ViewState state, RevisionRow revision, boolean keyEvent) {}

  /** Applies one change. */
  public static Step apply(ViewState before, Change change) {
    Instant at = change.recordedAt();
    ViewState state =
        before.story() == null ? before : before.withStory(before.story().at(change.version(), at));
    PublicChange body = change.body();
    if (body instanceof PublicChange.StoryOpened opened) {
      if (state.story() != null) {
        return new Step(state, null, false);
      }
      StoryRow row =
          new StoryRow(
              change.storyId(),
              opened.title(),
              opened.slug(),
              opened.section(),
              opened.language(),
              opened.summary(),
              opened.tags(),
              opened.canonicalUrl(),
              ViewRows.LIVE,
              opened.coverageStartTime(),
              null,
              null,
              0,
              change.version(),
              at,
              at);
      return new Step(state.withStory(row), null, false);
    } else if (body instanceof PublicChange.StoryChanged changed) {
      StoryRow story = state.story();
      return new Step(
          story == null
              ? state
              : state.withStory(
                  story.changed(
                      changed.title(),
                      changed.section(),
                      changed.summary(),
                      changed.tags(),
                      changed.canonicalUrl())),
          null,
          false);
    } else if (body instanceof PublicChange.StoryClosed closed) {
      StoryRow story = state.story();
      return new Step(
          story == null ? state : state.withStory(story.closed(closed.coverageEndTime())),
          null,
          false);
    } else if (body instanceof PublicChange.UpdatePosted posted) {
      return posted(state, change, posted);
    } else if (body instanceof PublicChange.UpdateEdited edited) {
      return revised(
          state, change, edited.id(), edited.headline(), edited.body(), edited.authors(), null);
    } else if (body instanceof PublicChange.UpdateCorrected corrected) {
      return revised(
          state,
          change,
          corrected.id(),
          corrected.headline(),
          corrected.body(),
          corrected.authors(),
          corrected.note() == null ? Text.ABSENT : corrected.note());
    } else if (body instanceof PublicChange.UpdateRetracted retracted) {
      UpdateRow update = state.updates().get(retracted.id());
      if (update == null) {
        return new Step(state, null, false);
      }
      if (update.retracted()) {
        return new Step(state, null, update.keyEvent());
      }
      StoryRow story = state.story();
      if (story != null) {
        story = story.counting(story.updateCount() - 1);
        if (update.pinned()) {
          story = story.pinning(null);
        }
        state = state.withStory(story);
      }
      RevisionRow revision =
          new RevisionRow(
              update.updateId(),
              change.version(),
              ViewRows.RETRACTED,
              null,
              null,
              null,
              null,
              false,
              null,
              at);
      return new Step(state.withUpdate(update.retractedNow()), revision, update.keyEvent());
    } else if (body instanceof PublicChange.UpdateRedacted redacted) {
      UpdateRow update = state.updates().get(redacted.id());
      if (update == null) {
        return new Step(state, null, false);
      }
      String reason = redacted.redacted() == null ? null : redacted.redacted().reason();
      RevisionRow revision =
          new RevisionRow(
              update.updateId(),
              change.version(),
              ViewRows.REDACTED,
              null,
              null,
              null,
              reason,
              false,
              null,
              at);
      return new Step(
          state.withUpdate(update.redactedNow(reason, at)), revision, update.keyEvent());
    } else if (body instanceof PublicChange.UpdatePinned pinned) {
      UpdateRow update = state.updates().get(pinned.id());
      if (update == null || update.retracted() || state.story() == null) {
        return new Step(state, null, false);
      }
      state = unpinCurrent(state, update.updateId());
      return new Step(
          state
              .withUpdate(update.withPinned(true))
              .withStory(state.story().pinning(update.updateId())),
          null,
          update.keyEvent());
    } else if (body instanceof PublicChange.UpdateUnpinned unpinned) {
      UpdateRow update = state.updates().get(unpinned.id());
      if (update == null) {
        return new Step(state, null, false);
      }
      StoryRow story = state.story();
      if (story != null && update.updateId().equals(story.pinnedUpdateId())) {
        state = state.withStory(story.pinning(null));
      }
      return new Step(state.withUpdate(update.withPinned(false)), null, update.keyEvent());
    } else if (body instanceof PublicChange.KeyEventMarked marked) {
      return keyEvent(state, marked.id(), true);
    } else if (body instanceof PublicChange.KeyEventUnmarked unmarked) {
      return keyEvent(state, unmarked.id(), false);
    } else if (body instanceof PublicChange.RelatedArticleLinked linked) {
      RelatedRow existing = state.related().get(linked.articleId());
      RelatedRow row =
          new RelatedRow(
              linked.articleId(),
              linked.headline(),
              linked.url(),
              linked.standfirst(),
              existing == null ? change.version() : existing.linkedVersion(),
              existing == null ? at : existing.linkedAt());
      return new Step(state.withRelated(linked.articleId(), row), null, false);
    } else if (body instanceof PublicChange.RelatedArticleUnlinked unlinked) {
      return new Step(state.withRelated(unlinked.articleId(), null), null, false);
    } else if (body instanceof PublicChange.AnalysisAttached attached) {
      AnalysisRow existing = state.analyses().get(attached.analysisId());
      AnalysisRow row =
          new AnalysisRow(
              attached.analysisId(),
              attached.title().text(),
              attached.standfirst().text(),
              attached.readingTimeMinutes(),
              attached.link(),
              attached.anchorUpdateId(),
              existing == null ? change.version() : existing.attachedVersion(),
              existing == null ? at : existing.attachedAt(),
              existing == null ? null : existing.redactionReason(),
              existing == null ? null : existing.redactedAt());
      return new Step(state.withAnalysis(attached.analysisId(), row), null, false);
    } else if (body instanceof PublicChange.AnalysisDetached detached) {
      return new Step(state.withAnalysis(detached.analysisId(), null), null, false);
    } else if (body instanceof PublicChange.AnalysisAttachmentRedacted redacted) {
      AnalysisRow existing = state.analyses().get(redacted.analysisId());
      if (existing == null) {
        return new Step(state, null, false);
      }
      AnalysisRow row =
          new AnalysisRow(
              existing.analysisId(),
              null,
              null,
              existing.readingTimeMinutes(),
              existing.link(),
              existing.anchorUpdateId(),
              existing.attachedVersion(),
              existing.attachedAt(),
              redacted.redacted() == null ? null : redacted.redacted().reason(),
              at);
      return new Step(state.withAnalysis(existing.analysisId(), row), null, false);
    }
    throw new IllegalArgumentException("no rule for " + body.getClass().getSimpleName());
  }

  /**
   * A change of a type this build has no rule for (a newer producer's) moves only the header's
   * version and {@code updatedAt}.
   */
  public static ViewState unknown(ViewState before, long version, Instant at) {
    return before.story() == null ? before : before.withStory(before.story().at(version, at));
  }

  private static Step posted(ViewState state, Change change, PublicChange.UpdatePosted posted) {
    UpdateRow existing = state.updates().get(posted.id());
    if (existing != null) {
      // The same update id posted twice is a producer bug; the first one stands.
      return new Step(state, null, existing.keyEvent());
    }
    Instant at = change.recordedAt();
    boolean pin = posted.pinned() && state.story() != null;
    UpdateRow update =
        new UpdateRow(
            posted.id(),
            posted.headline().text(),
            posted.body().text(),
            posted.authors(),
            posted.keyEvent(),
            pin,
            false,
            false,
            null,
            null,
            posted.headline().redacted() || posted.body().redacted(),
            null,
            null,
            change.keyId(),
            posted.publishedAt(),
            at,
            at,
            change.version());
    StoryRow story = state.story();
    if (story != null) {
      if (pin) {
        state = unpinCurrent(state, update.updateId());
        story = state.story().pinning(update.updateId());
      }
      state = state.withStory(story.counting(story.updateCount() + 1));
    }
    return new Step(
        state.withUpdate(update),
        revision(update, change, ViewRows.POSTED, null),
        update.keyEvent());
  }

  private static Step revised(
      ViewState state,
      Change change,
      UUID updateId,
      Text headline,
      Text body,
      java.util.List<String> authors,
      Text correctionNote) {
    UpdateRow update = state.updates().get(updateId);
    if (update == null) {
      return new Step(state, null, false);
    }
    Text h = headline == null ? Text.ABSENT : headline;
    Text b = body == null ? Text.ABSENT : body;
    UpdateRow revised =
        update.content(
            h.text(),
            b.text(),
            authors,
            h.redacted() || b.redacted(),
            change.keyId() != null ? change.keyId() : update.keyId(),
            change.recordedAt());
    String kind = ViewRows.EDITED;
    String note = null;
    if (correctionNote != null) {
      kind = ViewRows.CORRECTED;
      note = correctionNote.text();
      revised = revised.correctedWith(note, change.recordedAt());
    }
    return new Step(
        state.withUpdate(revised), revision(revised, change, kind, note), revised.keyEvent());
  }

  private static Step keyEvent(ViewState state, UUID updateId, boolean marked) {
    UpdateRow update = state.updates().get(updateId);
    return new Step(
        update == null ? state : state.withUpdate(update.withKeyEvent(marked)), null, true);
  }

  /** The story's pinned update, if another one, is pinned no more. */
  private static ViewState unpinCurrent(ViewState state, UUID newlyPinned) {
    UUID current = state.story().pinnedUpdateId();
    if (current == null || current.equals(newlyPinned)) {
      return state;
    }
    UpdateRow previous = state.updates().get(current);
    return previous == null ? state : state.withUpdate(previous.withPinned(false));
  }

  private static RevisionRow revision(UpdateRow update, Change change, String kind, String note) {
    return new RevisionRow(
        update.updateId(),
        change.version(),
        kind,
        update.headline(),
        update.body(),
        update.authors(),
        note,
        update.redacted(),
        change.keyId(),
        change.recordedAt());
  }
}
