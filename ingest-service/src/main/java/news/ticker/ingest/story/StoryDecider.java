package news.ticker.ingest.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
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
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.Invalid;
import news.ticker.platform.decision.Rejection.NotFound;

/**
 * The rules of a live story as a pure function: {@link #decide} turns a command and the current
 * state into a {@link Decision}: the events it causes (none when it changes nothing), or a typed
 * {@link Rejection} ({@link NotFound} for an unknown story or update, {@link Conflict} when the
 * state forbids it, {@link Invalid} naming a field); {@link #evolve} folds an event into the state.
 * No I/O, no clock, no randomness, no HTTP: time, actor and sealed texts come with the command, and
 * the edge maps a rejection to its answer.
 */
public final class StoryDecider {

  private StoryDecider() {}

  public static Decision<StoryEvent> decide(StoryCommand command, StoryState state) {
    if (command instanceof OpenStory c) {
      return open(c, state);
    }
    Optional<Rejection> unopened = refuseUnlessOpened(state);
    if (unopened.isPresent()) {
      return Decision.reject(unopened.get());
    }
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

  /** A {@link NotFound} when the story was never opened. */
  public static Optional<Rejection> refuseUnlessOpened(StoryState state) {
    return state.isOpened()
        ? Optional.empty()
        : Optional.of(new NotFound("story", state.storyId()));
  }

  /**
   * Why a command cannot change the update: {@link NotFound} for an update this story does not
   * have, {@link Conflict} for a retracted or redacted one; empty when it is live.
   */
  public static Optional<Rejection> refuseUnlessLive(StoryState state, UUID updateId) {
    Optional<UpdateState> update = state.update(updateId);
    if (update.isEmpty()) {
      return Optional.of(new NotFound("update", updateId));
    }
    if (update.get().redacted()) {
      return Optional.of(
          new Conflict(
              "update "
                  + updateId
                  + " was redacted: its texts were removed for good, it cannot change"));
    }
    if (update.get().retracted()) {
      return Optional.of(new Conflict("update " + updateId + " was retracted"));
    }
    return Optional.empty();
  }

  /** Decides by {@code rule} on the update, which must be live ({@link #refuseUnlessLive}). */
  private static Decision<StoryEvent> onLiveUpdate(
      StoryState state, UUID updateId, Function<UpdateState, Decision<StoryEvent>> rule) {
    Optional<Rejection> refused = refuseUnlessLive(state, updateId);
    if (refused.isPresent()) {
      return Decision.reject(refused.get());
    }
    return rule.apply(state.update(updateId).orElseThrow());
  }

  /** Decides by {@code rule} on the update, which must exist (retracted or redacted or not). */
  private static Decision<StoryEvent> onUpdate(
      StoryState state, UUID updateId, Function<UpdateState, Decision<StoryEvent>> rule) {
    return state
        .update(updateId)
        .map(rule)
        .orElseGet(() -> Decision.reject(new NotFound("update", updateId)));
  }

  /**
   * {@code event}, preceded by unpinning {@code pinned} when that is not null: a story has at most
   * one pinned update.
   */
  private static List<StoryEvent> unpinningFirst(
      UUID pinned, StoryCommand c, StoryState state, StoryEvent event) {
    if (pinned == null) {
      return List.of(event);
    }
    return List.of(new UpdateUnpinned(state.storyId(), pinned, c.actor(), c.at()), event);
  }

  /** Nothing when the update is {@code already} as the command wants it, else the one event. */
  private static Decision<StoryEvent> unlessAlready(boolean already, Supplier<StoryEvent> event) {
    return already ? Decision.nothing() : Decision.accept(event.get());
  }

  private static Decision<StoryEvent> open(OpenStory c, StoryState state) {
    if (state.isOpened()) {
      return Decision.reject(new Conflict("story " + state.storyId() + " is already open"));
    }
    Header h = c.header();
    return Decision.accept(
        new StoryOpened(
            state.storyId(),
            h.title(),
            h.slug(),
            h.section(),
            h.language(),
            h.summary(),
            h.tags(),
            h.canonicalUrl(),
            h.coverageStartTime() != null ? h.coverageStartTime() : c.at(),
            c.actor(),
            c.at()));
  }

  private static Decision<StoryEvent> change(ChangeStory c, StoryState state) {
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
      return Decision.nothing();
    }
    return Decision.accept(
        new StoryChanged(
            state.storyId(), title, section, summary, tags, canonicalUrl, c.actor(), c.at()));
  }

  private static Decision<StoryEvent> close(CloseStory c, StoryState state) {
    if (state.closed()) {
      return Decision.nothing();
    }
    Instant end = c.coverageEndTime() != null ? c.coverageEndTime() : c.at();
    Instant start = state.header().coverageStartTime();
    if (start != null && end.isBefore(start)) {
      return Decision.reject(
          new Invalid("coverageEndTime", "is before the coverage started (" + start + ")"));
    }
    return Decision.accept(new StoryClosed(state.storyId(), end, c.actor(), c.at()));
  }

  private static Decision<StoryEvent> post(PostUpdate c, StoryState state) {
    if (state.closed()) {
      return Decision.reject(closed(state));
    }
    if (state.updates().containsKey(c.updateId())) {
      return Decision.reject(new Conflict("update " + c.updateId() + " already exists"));
    }
    return Decision.accept(
        posting(c.updateId(), null, c.update(), state.pinnedUpdateId(), c, state));
  }

  /**
   * The events that post a new update, unpinning {@code pinned} first when the new one is pinned.
   *
   * @param sourceId the id in the source system of an imported update; null for a post
   */
  private static List<StoryEvent> posting(
      UUID updateId,
      String sourceId,
      NewUpdate update,
      UUID pinned,
      StoryCommand c,
      StoryState state) {
    return unpinningFirst(
        update.pinned() ? pinned : null,
        c,
        state,
        new UpdatePosted(
            state.storyId(),
            updateId,
            update.headline(),
            update.body(),
            update.authors(),
            update.keyEvent(),
            update.pinned(),
            update.publishedAt() != null ? update.publishedAt() : c.at(),
            sourceId,
            c.actor(),
            c.at()));
  }

  private static Decision<StoryEvent> importUpdates(ImportUpdates c, StoryState state) {
    if (state.closed()) {
      return Decision.reject(closed(state));
    }
    StoryEvolution story = new StoryEvolution(state);
    List<StoryEvent> events = new ArrayList<>();
    for (ImportedUpdate update : c.updates()) {
      if (story.hasUpdate(update.updateId())) {
        continue;
      }
      List<StoryEvent> decided =
          posting(
              update.updateId(),
              update.sourceId(),
              update.update(),
              story.pinnedUpdateId(),
              c,
              state);
      story.applyAll(decided);
      events.addAll(decided);
    }
    return Decision.accept(events);
  }

  private static Decision<StoryEvent> edit(EditUpdate c, StoryState state) {
    return onLiveUpdate(
        state,
        c.updateId(),
        update -> {
          var headline = c.headline().applyTo(update.headline());
          List<String> authors = c.authors().applyTo(update.authors());
          if (c.correctionNote() != null) {
            return Decision.accept(
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
          return Decision.accept(
              new UpdateEdited(
                  state.storyId(), c.updateId(), headline, c.body(), authors, c.actor(), c.at()));
        });
  }

  private static Decision<StoryEvent> retract(RetractUpdate c, StoryState state) {
    return onUpdate(
        state,
        c.updateId(),
        update -> {
          if (update.retracted()) {
            return Decision.nothing();
          }
          // A retracted update cannot stay on top of the feed.
          UUID unpinned = c.updateId().equals(state.pinnedUpdateId()) ? c.updateId() : null;
          return Decision.accept(
              unpinningFirst(
                  unpinned,
                  c,
                  state,
                  new UpdateRetracted(
                      state.storyId(), c.updateId(), c.reason(), c.actor(), c.at())));
        });
  }

  /**
   * Redaction is final and allowed on any update (retracted ones too: their history is public);
   * redacting a redacted update changes nothing. A pinned update stays pinned as a tombstone, so
   * the public note shows where the text was.
   */
  private static Decision<StoryEvent> redact(RedactUpdate c, StoryState state) {
    return onUpdate(
        state,
        c.updateId(),
        update ->
            unlessAlready(
                update.redacted(),
                () ->
                    new UpdateRedacted(
                        state.storyId(), c.updateId(), c.reason(), c.actor(), c.at())));
  }

  private static Decision<StoryEvent> pin(PinUpdate c, StoryState state) {
    return onLiveUpdate(
        state,
        c.updateId(),
        update -> {
          UUID pinned = state.pinnedUpdateId();
          if (c.updateId().equals(pinned)) {
            return Decision.nothing();
          }
          return Decision.accept(
              unpinningFirst(
                  pinned,
                  c,
                  state,
                  new UpdatePinned(state.storyId(), c.updateId(), c.actor(), c.at())));
        });
  }

  private static Decision<StoryEvent> unpin(UnpinUpdate c, StoryState state) {
    return onUpdate(
        state,
        c.updateId(),
        update ->
            unlessAlready(
                !c.updateId().equals(state.pinnedUpdateId()),
                () -> new UpdateUnpinned(state.storyId(), c.updateId(), c.actor(), c.at())));
  }

  private static Decision<StoryEvent> markKeyEvent(MarkKeyEvent c, StoryState state) {
    return onLiveUpdate(
        state,
        c.updateId(),
        update ->
            unlessAlready(
                update.keyEvent(),
                () -> new KeyEventMarked(state.storyId(), c.updateId(), c.actor(), c.at())));
  }

  private static Decision<StoryEvent> unmarkKeyEvent(UnmarkKeyEvent c, StoryState state) {
    return onUpdate(
        state,
        c.updateId(),
        update ->
            unlessAlready(
                !update.keyEvent(),
                () -> new KeyEventUnmarked(state.storyId(), c.updateId(), c.actor(), c.at())));
  }

  private static Decision<StoryEvent> link(LinkRelatedArticle c, StoryState state) {
    RelatedArticle snapshot =
        new RelatedArticle(c.articleId(), c.headline(), c.url(), c.standfirst());
    if (snapshot.equals(state.relatedArticles().get(c.articleId()))) {
      return Decision.nothing();
    }
    return Decision.accept(
        new RelatedArticleLinked(
            state.storyId(),
            c.articleId(),
            c.headline(),
            c.url(),
            c.standfirst(),
            c.actor(),
            c.at()));
  }

  private static Decision<StoryEvent> unlink(UnlinkRelatedArticle c, StoryState state) {
    if (!state.relatedArticles().containsKey(c.articleId())) {
      return Decision.nothing();
    }
    return Decision.accept(
        new RelatedArticleUnlinked(state.storyId(), c.articleId(), c.actor(), c.at()));
  }

  private static Decision<StoryEvent> attach(AttachAnalysis c, StoryState state) {
    AttachedAnalysis attachment = c.analysis();
    if (attachment.equals(state.analyses().get(attachment.analysisId()))) {
      return Decision.nothing();
    }
    return Decision.accept(
        new AnalysisAttached(
            state.storyId(),
            attachment.analysisId(),
            attachment.title(),
            attachment.standfirst(),
            attachment.readingTimeMinutes(),
            attachment.link(),
            attachment.anchorUpdateId(),
            c.actor(),
            c.at()));
  }

  private static Decision<StoryEvent> detach(DetachAnalysis c, StoryState state) {
    if (!state.analyses().containsKey(c.analysisId())) {
      return Decision.nothing();
    }
    return Decision.accept(
        new AnalysisDetached(state.storyId(), c.analysisId(), c.actor(), c.at()));
  }

  /**
   * Recorded even for an analysis no longer attached: readers' change logs still hold its earlier
   * title and standfirst. Only a redacted attachment makes it a no-op.
   */
  private static Decision<StoryEvent> redactAttachment(
      RedactAnalysisAttachment c, StoryState state) {
    AttachedAnalysis attached = state.analyses().get(c.analysisId());
    if (attached != null && attached.redacted()) {
      return Decision.nothing();
    }
    return Decision.accept(
        new AnalysisAttachmentRedacted(
            state.storyId(), c.analysisId(), c.reason(), c.actor(), c.at()));
  }

  private static Rejection closed(StoryState state) {
    return new Conflict("story " + state.storyId() + " is closed: coverage ended, no more updates");
  }
}
