package news.ticker.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the contract at its current version. docs/events.md documents each one. */
public final class EventCatalog {

  public static final List<EventType> ALL =
      List.of(
          story("story-opened", StoryEvent.StoryOpened.class),
          story("story-changed", StoryEvent.StoryChanged.class),
          story("story-closed", StoryEvent.StoryClosed.class),
          story("update-posted", StoryEvent.UpdatePosted.class),
          story("update-edited", StoryEvent.UpdateEdited.class),
          story("update-corrected", StoryEvent.UpdateCorrected.class),
          story("update-retracted", StoryEvent.UpdateRetracted.class),
          story("update-pinned", StoryEvent.UpdatePinned.class),
          story("update-unpinned", StoryEvent.UpdateUnpinned.class),
          story("key-event-marked", StoryEvent.KeyEventMarked.class),
          story("key-event-unmarked", StoryEvent.KeyEventUnmarked.class),
          story("related-article-linked", StoryEvent.RelatedArticleLinked.class),
          story("related-article-unlinked", StoryEvent.RelatedArticleUnlinked.class),
          story("analysis-attached", StoryEvent.AnalysisAttached.class),
          story("analysis-detached", StoryEvent.AnalysisDetached.class),
          story("update-redacted", StoryEvent.UpdateRedacted.class),
          story("analysis-attachment-redacted", StoryEvent.AnalysisAttachmentRedacted.class),
          new EventType(
              "article-published", 1, ArticleEvent.ArticlePublished.class, Topics.ARTICLE_EVENTS),
          new EventType(
              "article-revised", 1, ArticleEvent.ArticleRevised.class, Topics.ARTICLE_EVENTS),
          analysis("analysis-published", AnalysisEvent.AnalysisPublished.class),
          analysis("analysis-revised", AnalysisEvent.AnalysisRevised.class),
          analysis("analysis-withdrawn", AnalysisEvent.AnalysisWithdrawn.class),
          analysis("analysis-redacted", AnalysisEvent.AnalysisRedacted.class));

  private static final Map<Class<? extends Event>, EventType> BY_CLASS =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

  private static final Map<String, EventType> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private EventCatalog() {}

  public static EventType of(Event event) {
    return of(event.getClass());
  }

  public static EventType of(Class<? extends Event> type) {
    EventType eventType = BY_CLASS.get(type);
    if (eventType == null) {
      throw new IllegalArgumentException(type + " is not in the event catalog");
    }
    return eventType;
  }

  /** The current type of that bare name, if the contract has one. */
  public static Optional<EventType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static EventType story(String name, Class<? extends StoryEvent> type) {
    return new EventType(name, 1, type, Topics.STORY_EVENTS);
  }

  private static EventType analysis(String name, Class<? extends AnalysisEvent> type) {
    return new EventType(name, 1, type, Topics.ANALYSIS_EVENTS);
  }
}
