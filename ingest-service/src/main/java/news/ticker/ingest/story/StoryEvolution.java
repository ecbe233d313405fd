package news.ticker.ingest.story;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
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
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Applies events to a state without touching it. The maps are persistent (structure-shared): adding
 * one update to a story of thousands costs a few new nodes, where copying the map cost time in
 * proportion to the story on every write (a quarter of ingest's CPU on a long live blog). The state
 * handed out is never touched again, and the one it evolved from stays valid, so a cached state
 * survives a write that is rolled back.
 */
final class StoryEvolution {

  private final UUID storyId;
  private long version;
  private Header header;
  private boolean closed;
  private PMap<UUID, UpdateState> updates;
  private UUID pinnedUpdateId;
  private PMap<UUID, RelatedArticle> relatedArticles;
  private PMap<UUID, AttachedAnalysis> analyses;
  private boolean handedOut;

  StoryEvolution(StoryState state) {
    storyId = state.storyId();
    version = state.version();
    header = state.header();
    closed = state.closed();
    updates = persistent(state.updates());
    pinnedUpdateId = state.pinnedUpdateId();
    relatedArticles = persistent(state.relatedArticles());
    analyses = persistent(state.analyses());
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
      updates =
          updates.plus(
              e.updateId(),
              new UpdateState(
                  e.updateId(),
                  e.headline(),
                  e.authors(),
                  e.keyEvent(),
                  false,
                  e.sourceId(),
                  false));
      if (e.pinned()) {
        pinnedUpdateId = e.updateId();
      }
    } else if (event instanceof UpdateEdited e) {
      updates = changed(updates, e.updateId(), (id, u) -> u.withContent(e.headline(), e.authors()));
    } else if (event instanceof UpdateCorrected e) {
      updates = changed(updates, e.updateId(), (id, u) -> u.withContent(e.headline(), e.authors()));
    } else if (event instanceof UpdateRetracted e) {
      updates = changed(updates, e.updateId(), (id, u) -> u.retract());
      if (e.updateId().equals(pinnedUpdateId)) {
        pinnedUpdateId = null;
      }
    } else if (event instanceof UpdateRedacted e) {
      updates = changed(updates, e.updateId(), (id, u) -> u.redact());
    } else if (event instanceof UpdatePinned e) {
      pinnedUpdateId = e.updateId();
    } else if (event instanceof UpdateUnpinned e) {
      if (e.updateId().equals(pinnedUpdateId)) {
        pinnedUpdateId = null;
      }
    } else if (event instanceof KeyEventMarked e) {
      updates = changed(updates, e.updateId(), (id, u) -> u.withKeyEvent(true));
    } else if (event instanceof KeyEventUnmarked e) {
      updates = changed(updates, e.updateId(), (id, u) -> u.withKeyEvent(false));
    } else if (event instanceof RelatedArticleLinked e) {
      relatedArticles =
          relatedArticles.plus(
              e.articleId(),
              new RelatedArticle(e.articleId(), e.headline(), e.url(), e.standfirst()));
    } else if (event instanceof RelatedArticleUnlinked e) {
      relatedArticles = relatedArticles.minus(e.articleId());
    } else if (event instanceof AnalysisAttached e) {
      analyses = analyses.plus(e.analysisId(), AttachedAnalysis.of(e));
    } else if (event instanceof AnalysisDetached e) {
      analyses = analyses.minus(e.analysisId());
    } else if (event instanceof AnalysisAttachmentRedacted e) {
      analyses =
          changed(
              analyses,
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
        storyId, version, header, closed, updates, pinnedUpdateId, relatedArticles, analyses);
  }

  private static <K, V> PMap<K, V> persistent(Map<K, V> map) {
    return map instanceof PMap<K, V> persistent ? persistent : HashTreePMap.from(map);
  }

  /** The map with the value at {@code key} replaced, if there is one. */
  private static <K, V> PMap<K, V> changed(PMap<K, V> map, K key, BiFunction<K, V, V> change) {
    V value = map.get(key);
    return value == null ? map : map.plus(key, change.apply(key, value));
  }
}
