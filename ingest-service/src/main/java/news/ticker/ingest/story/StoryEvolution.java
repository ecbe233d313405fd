package news.ticker.ingest.story;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.SealedText;
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
import news.ticker.ingest.story.StoryState.AttachedAnalysis;
import news.ticker.ingest.story.StoryState.Header;
import news.ticker.ingest.story.StoryState.RelatedArticle;
import news.ticker.ingest.story.StoryState.UpdateState;

/**
 * Applies events to a private copy of a state. Folding many events through one evolution copies the
 * state's maps once instead of once per event, which matters for stories with thousands of updates;
 * the state handed out is never touched again.
 */
final class StoryEvolution {

  private final UUID storyId;
  private long version;
  private Header header;
  private boolean closed;
  private final Map<UUID, UpdateState> updates;
  private UUID pinnedUpdateId;
  private final Map<UUID, RelatedArticle> relatedArticles;
  private final Map<UUID, AttachedAnalysis> analyses;
  private boolean handedOut;

  StoryEvolution(StoryState state) {
    storyId = state.storyId();
    version = state.version();
    header = state.header();
    closed = state.closed();
    updates = new LinkedHashMap<>(state.updates());
    pinnedUpdateId = state.pinnedUpdateId();
    relatedArticles = new LinkedHashMap<>(state.relatedArticles());
    analyses = new LinkedHashMap<>(state.analyses());
  }

  /** Whether the story, as evolved so far, has this update. */
  boolean hasUpdate(UUID updateId) {
    return updates.containsKey(updateId);
  }

  UUID pinnedUpdateId() {
    return pinnedUpdateId;
  }

  boolean closed() {
    return closed;
  }

  StoryEvolution applyAll(List<? extends StoryEvent> events) {
    events.forEach(this::apply);
    return this;
  }

  StoryEvolution apply(StoryEvent event) {
    if (handedOut) {
      throw new IllegalStateException("the evolved state was already handed out");
    }
    if (!storyId.equals(event.storyId())) {
      throw new IllegalArgumentException(
          "event of story " + event.storyId() + " applied to " + storyId);
    }
    version++;
    if (event instanceof StoryOpened e) {
      header =
          new Header(
              e.title(),
              e.slug(),
              e.section(),
              e.language(),
              e.summary(),
              e.tags(),
              e.canonicalUrl(),
              e.coverageStartTime());
    } else if (event instanceof StoryChanged e) {
      header =
          new Header(
              e.title(),
              header.slug(),
              e.section(),
              header.language(),
              e.summary(),
              e.tags(),
              e.canonicalUrl(),
              header.coverageStartTime());
    } else if (event instanceof StoryClosed) {
      closed = true;
    } else if (event instanceof UpdatePosted e) {
      updates.put(
          e.updateId(),
          new UpdateState(
              e.updateId(), e.headline(), e.authors(), e.keyEvent(), false, e.sourceId(), false));
      if (e.pinned()) {
        pinnedUpdateId = e.updateId();
      }
    } else if (event instanceof UpdateEdited e) {
      updates.computeIfPresent(e.updateId(), (id, u) -> withContent(u, e.headline(), e.authors()));
    } else if (event instanceof UpdateCorrected e) {
      updates.computeIfPresent(e.updateId(), (id, u) -> withContent(u, e.headline(), e.authors()));
    } else if (event instanceof UpdateRetracted e) {
      updates.computeIfPresent(
          e.updateId(),
          (id, u) ->
              new UpdateState(
                  id, u.headline(), u.authors(), u.keyEvent(), true, u.sourceId(), u.redacted()));
      if (e.updateId().equals(pinnedUpdateId)) {
        pinnedUpdateId = null;
      }
    } else if (event instanceof UpdateRedacted e) {
      // The sealed headline is kept out of the state too: nothing may use the destroyed key again.
      updates.computeIfPresent(
          e.updateId(),
          (id, u) ->
              new UpdateState(
                  id, null, u.authors(), u.keyEvent(), u.retracted(), u.sourceId(), true));
    } else if (event instanceof UpdatePinned e) {
      pinnedUpdateId = e.updateId();
    } else if (event instanceof UpdateUnpinned e) {
      if (e.updateId().equals(pinnedUpdateId)) {
        pinnedUpdateId = null;
      }
    } else if (event instanceof KeyEventMarked e) {
      updates.computeIfPresent(e.updateId(), (id, u) -> withKeyEvent(u, true));
    } else if (event instanceof KeyEventUnmarked e) {
      updates.computeIfPresent(e.updateId(), (id, u) -> withKeyEvent(u, false));
    } else if (event instanceof RelatedArticleLinked e) {
      relatedArticles.put(
          e.articleId(), new RelatedArticle(e.articleId(), e.headline(), e.url(), e.standfirst()));
    } else if (event instanceof RelatedArticleUnlinked e) {
      relatedArticles.remove(e.articleId());
    } else if (event instanceof AnalysisAttached e) {
      analyses.put(
          e.analysisId(),
          new AttachedAnalysis(
              e.analysisId(),
              e.title(),
              e.standfirst(),
              e.readingTimeMinutes(),
              e.link(),
              e.anchorUpdateId(),
              false));
    } else if (event instanceof AnalysisDetached e) {
      analyses.remove(e.analysisId());
    } else if (event instanceof AnalysisAttachmentRedacted e) {
      analyses.computeIfPresent(
          e.analysisId(),
          (id, a) ->
              new AttachedAnalysis(
                  id, null, null, a.readingTimeMinutes(), a.link(), a.anchorUpdateId(), true));
    }
    return this;
  }

  /** The evolved state; this evolution cannot be used afterwards. */
  StoryState toState() {
    handedOut = true;
    return new StoryState(
        storyId,
        version,
        header,
        closed,
        Collections.unmodifiableMap(updates),
        pinnedUpdateId,
        Collections.unmodifiableMap(relatedArticles),
        Collections.unmodifiableMap(analyses));
  }

  private static UpdateState withContent(
      UpdateState update, SealedText headline, List<String> authors) {
    return new UpdateState(
        update.updateId(),
        headline,
        authors,
        update.keyEvent(),
        update.retracted(),
        update.sourceId(),
        update.redacted());
  }

  private static UpdateState withKeyEvent(UpdateState update, boolean keyEvent) {
    return new UpdateState(
        update.updateId(),
        update.headline(),
        update.authors(),
        keyEvent,
        update.retracted(),
        update.sourceId(),
        update.redacted());
  }
}
