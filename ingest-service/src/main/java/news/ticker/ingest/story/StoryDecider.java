package news.ticker.ingest.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.AnalysisAttached;
import news.ticker.events.StoryEvent.AnalysisAttachmentRedacted;
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
import news.ticker.platform.problem.ProblemException;

/**
 * The rules of a live story as a pure function: {@link #decide} turns a command and the current
 * state into the events it causes (none when it changes nothing), or refuses it with a {@link
 * ProblemException} (404 unknown story or update, 409 forbidden by the state); {@link #evolve}
 * folds an event into the state. No I/O, no clock, no randomness: time, actor and sealed texts come
 * with the command.
 */
public final class StoryDecider {

  private StoryDecider() {}

  public static List<StoryEvent> decide(StoryCommand command, StoryState state) {
    if (command instanceof OpenStory c) {
      return open(c, state);
    }
    requireOpened(state);
    if (command instanceof ChangeStory c) {
      return change(c, state);
    } else if (command instanceof CloseStory c) {
      return close(c, state);
    } else if (command instanceof PostUpdate c) {
      return post(c, state);
    } else if (command instanceof ImportUpdates c) {
      return importUpdates(c, state);
    } else if (command instanceof EditUpdate c) {
      return edit(c, state);
    } else if (command instanceof RetractUpdate c) {
      return retract(c, state);
    } else if (command instanceof RedactUpdate c) {
      return redact(c, state);
    } else if (command instanceof PinUpdate c) {
      return pin(c, state);
    } else if (command instanceof UnpinUpdate c) {
      return unpin(c, state);
    } else if (command instanceof MarkKeyEvent c) {
      return markKeyEvent(c, state);
    } else if (command instanceof UnmarkKeyEvent c) {
      return unmarkKeyEvent(c, state);
    } else if (command instanceof LinkRelatedArticle c) {
      return link(c, state);
    } else if (command instanceof UnlinkRelatedArticle c) {
      return unlink(c, state);
    } else if (command instanceof AttachAnalysis c) {
      return attach(c, state);
    } else if (command instanceof DetachAnalysis c) {
      return detach(c, state);
    } else if (command instanceof RedactAnalysisAttachment c) {
      return redactAttachment(c, state);
    }
    throw new IllegalArgumentException("no rule for " + command.getClass().getSimpleName());
  }

  public static StoryState evolve(StoryState state, StoryEvent event) {
    return new StoryEvolution(state).apply(event).toState();
  }

  /** Folds events, in order, into a state; the state's maps are copied once, not per event. */
  public static StoryState fold(StoryState state, List<? extends StoryEvent> events) {
    if (events.isEmpty()) {
      return state;
    }
    return new StoryEvolution(state).applyAll(events).toState();
  }

  /**
   * @throws ProblemException 404 when the story was never opened
   */
  public static void requireOpened(StoryState state) {
    if (!state.isOpened()) {
      throw ProblemException.notFound("story", state.storyId());
    }
  }

  /**
   * The update, which must exist in the story and be neither retracted nor redacted.
   *
   * @throws ProblemException 404 for an update this story does not have, 409 for a retracted or
   *     redacted one
   */
  public static UpdateState requireLiveUpdate(StoryState state, UUID updateId) {
    UpdateState update = requireUpdate(state, updateId);
    if (update.redacted()) {
      throw ProblemException.conflict(
          "update "
              + updateId
              + " was redacted: its texts were removed for good, it cannot change");
    }
    if (update.retracted()) {
      throw ProblemException.conflict("update " + updateId + " was retracted");
    }
    return update;
  }

  private static UpdateState requireUpdate(StoryState state, UUID updateId) {
    return state.update(updateId).orElseThrow(() -> ProblemException.notFound("update", updateId));
  }

  private static List<StoryEvent> open(OpenStory c, StoryState state) {
    if (state.isOpened()) {
      throw ProblemException.conflict("story " + state.storyId() + " is already open");
    }
    return List.of(
        new StoryOpened(
            state.storyId(),
            c.title(),
            c.slug(),
            c.section(),
            c.language(),
            c.summary(),
            c.tags(),
            c.canonicalUrl(),
            c.coverageStartTime() != null ? c.coverageStartTime() : c.at(),
            c.actor(),
            c.at()));
  }

  private static List<StoryEvent> change(ChangeStory c, StoryState state) {
    Header current = state.header();
    String title = c.title().applyTo(current.title());
    String section = c.section().applyTo(current.section());
    String summary = c.summary().applyTo(current.summary());
    List<String> tags = c.tags().applyTo(current.tags());
    String canonicalUrl = c.canonicalUrl().applyTo(current.canonicalUrl());
    if (Objects.equals(title, current.title())
        && Objects.equals(section, current.section())
        && Objects.equals(summary, current.summary())
        && Objects.equals(tags, current.tags())
        && Objects.equals(canonicalUrl, current.canonicalUrl())) {
      return List.of();
    }
    return List.of(
        new StoryChanged(
            state.storyId(), title, section, summary, tags, canonicalUrl, c.actor(), c.at()));
  }

  private static List<StoryEvent> close(CloseStory c, StoryState state) {
    if (state.closed()) {
      return List.of();
    }
    Instant end = c.coverageEndTime() != null ? c.coverageEndTime() : c.at();
    Instant start = state.header().coverageStartTime();
    if (start != null && end.isBefore(start)) {
      throw ProblemException.unprocessable(
          "coverageEndTime", "is before the coverage started (" + start + ")");
    }
    return List.of(new StoryClosed(state.storyId(), end, c.actor(), c.at()));
  }

  private static List<StoryEvent> post(PostUpdate c, StoryState state) {
    requireNotClosed(state);
    if (state.updates().containsKey(c.updateId())) {
      throw ProblemException.conflict("update " + c.updateId() + " already exists");
    }
    List<StoryEvent> events = new ArrayList<>(2);
    if (c.pinned() && state.pinnedUpdateId() != null) {
      events.add(new UpdateUnpinned(state.storyId(), state.pinnedUpdateId(), c.actor(), c.at()));
    }
    events.add(
        new UpdatePosted(
            state.storyId(),
            c.updateId(),
            c.headline(),
            c.body(),
            c.authors(),
            c.keyEvent(),
            c.pinned(),
            c.publishedAt() != null ? c.publishedAt() : c.at(),
            null,
            c.actor(),
            c.at()));
    return events;
  }

  private static List<StoryEvent> importUpdates(ImportUpdates c, StoryState state) {
    requireNotClosed(state);
    StoryEvolution story = new StoryEvolution(state);
    List<StoryEvent> events = new ArrayList<>();
    for (ImportedUpdate update : c.updates()) {
      if (story.hasUpdate(update.updateId())) {
        continue;
      }
      List<StoryEvent> decided = new ArrayList<>(2);
      if (update.pinned() && story.pinnedUpdateId() != null) {
        decided.add(new UpdateUnpinned(state.storyId(), story.pinnedUpdateId(), c.actor(), c.at()));
      }
      decided.add(
          new UpdatePosted(
              state.storyId(),
              update.updateId(),
              update.headline(),
              update.body(),
              update.authors(),
              update.keyEvent(),
              update.pinned(),
              update.publishedAt(),
              update.sourceId(),
              c.actor(),
              c.at()));
      story.applyAll(decided);
      events.addAll(decided);
    }
    return events;
  }

  private static List<StoryEvent> edit(EditUpdate c, StoryState state) {
    UpdateState update = requireLiveUpdate(state, c.updateId());
    var headline = c.headline().applyTo(update.headline());
    List<String> authors = c.authors().applyTo(update.authors());
    if (c.correctionNote() != null) {
      return List.of(
          new UpdateCorrected(
              state.storyId(),
              c.updateId(),
              headline,
              c.body(),
              authors,
              c.correctionNote(),
              c.actor(),
              c.at()));
    }
    return List.of(
        new UpdateEdited(
            state.storyId(), c.updateId(), headline, c.body(), authors, c.actor(), c.at()));
  }

  private static List<StoryEvent> retract(RetractUpdate c, StoryState state) {
    UpdateState update = requireUpdate(state, c.updateId());
    if (update.retracted()) {
      return List.of();
    }
    List<StoryEvent> events = new ArrayList<>(2);
    if (c.updateId().equals(state.pinnedUpdateId())) {
      // A retracted update cannot stay on top of the feed.
      events.add(new UpdateUnpinned(state.storyId(), c.updateId(), c.actor(), c.at()));
    }
    events.add(new UpdateRetracted(state.storyId(), c.updateId(), c.reason(), c.actor(), c.at()));
    return events;
  }

  /**
   * Redaction is final and allowed on any update (retracted ones too: their history is public);
   * redacting a redacted update changes nothing. A pinned update stays pinned as a tombstone, so
   * the public note shows where the text was.
   */
  private static List<StoryEvent> redact(RedactUpdate c, StoryState state) {
    UpdateState update = requireUpdate(state, c.updateId());
    if (update.redacted()) {
      return List.of();
    }
    return List.of(
        new UpdateRedacted(state.storyId(), c.updateId(), c.reason(), c.actor(), c.at()));
  }

  private static List<StoryEvent> pin(PinUpdate c, StoryState state) {
    requireLiveUpdate(state, c.updateId());
    UUID pinned = state.pinnedUpdateId();
    if (c.updateId().equals(pinned)) {
      return List.of();
    }
    List<StoryEvent> events = new ArrayList<>(2);
    if (pinned != null) {
      events.add(new UpdateUnpinned(state.storyId(), pinned, c.actor(), c.at()));
    }
    events.add(new UpdatePinned(state.storyId(), c.updateId(), c.actor(), c.at()));
    return events;
  }

  private static List<StoryEvent> unpin(UnpinUpdate c, StoryState state) {
    requireUpdate(state, c.updateId());
    if (!c.updateId().equals(state.pinnedUpdateId())) {
      return List.of();
    }
    return List.of(new UpdateUnpinned(state.storyId(), c.updateId(), c.actor(), c.at()));
  }

  private static List<StoryEvent> markKeyEvent(MarkKeyEvent c, StoryState state) {
    UpdateState update = requireLiveUpdate(state, c.updateId());
    if (update.keyEvent()) {
      return List.of();
    }
    return List.of(new KeyEventMarked(state.storyId(), c.updateId(), c.actor(), c.at()));
  }

  private static List<StoryEvent> unmarkKeyEvent(UnmarkKeyEvent c, StoryState state) {
    UpdateState update = requireUpdate(state, c.updateId());
    if (!update.keyEvent()) {
      return List.of();
    }
    return List.of(new KeyEventUnmarked(state.storyId(), c.updateId(), c.actor(), c.at()));
  }

  private static List<StoryEvent> link(LinkRelatedArticle c, StoryState state) {
    RelatedArticle snapshot =
        new RelatedArticle(c.articleId(), c.headline(), c.url(), c.standfirst());
    if (snapshot.equals(state.relatedArticles().get(c.articleId()))) {
      return List.of();
    }
    return List.of(
        new RelatedArticleLinked(
            state.storyId(),
            c.articleId(),
            c.headline(),
            c.url(),
            c.standfirst(),
            c.actor(),
            c.at()));
  }

  private static List<StoryEvent> unlink(UnlinkRelatedArticle c, StoryState state) {
    if (!state.relatedArticles().containsKey(c.articleId())) {
      return List.of();
    }
    return List.of(new RelatedArticleUnlinked(state.storyId(), c.articleId(), c.actor(), c.at()));
  }

  private static List<StoryEvent> attach(AttachAnalysis c, StoryState state) {
    AttachedAnalysis attachment =
        new AttachedAnalysis(
            c.analysisId(),
            c.title(),
            c.standfirst(),
            c.readingTimeMinutes(),
            c.link(),
            c.anchorUpdateId(),
            false);
    if (attachment.equals(state.analyses().get(c.analysisId()))) {
      return List.of();
    }
    return List.of(
        new AnalysisAttached(
            state.storyId(),
            c.analysisId(),
            c.title(),
            c.standfirst(),
            c.readingTimeMinutes(),
            c.link(),
            c.anchorUpdateId(),
            c.actor(),
            c.at()));
  }

  private static List<StoryEvent> detach(DetachAnalysis c, StoryState state) {
    if (!state.analyses().containsKey(c.analysisId())) {
      return List.of();
    }
    return List.of(new AnalysisDetached(state.storyId(), c.analysisId(), c.actor(), c.at()));
  }

  /**
   * Recorded even for an analysis no longer attached: readers' change logs still hold its earlier
   * title and standfirst. Only a redacted attachment makes it a no-op.
   */
  private static List<StoryEvent> redactAttachment(RedactAnalysisAttachment c, StoryState state) {
    AttachedAnalysis attached = state.analyses().get(c.analysisId());
    if (attached != null && attached.redacted()) {
      return List.of();
    }
    return List.of(
        new AnalysisAttachmentRedacted(
            state.storyId(), c.analysisId(), c.reason(), c.actor(), c.at()));
  }

  private static void requireNotClosed(StoryState state) {
    if (state.closed()) {
      throw ProblemException.conflict(
          "story " + state.storyId() + " is closed: coverage ended, no more updates");
    }
  }
}
