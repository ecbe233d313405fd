package news.ticker.events;

import java.time.Instant;
import java.util.UUID;

/** What every published event carries: its stream, who caused it and when it was recorded. */
public sealed interface Event permits StoryEvent, ArticleEvent, AnalysisEvent {

  /**
   * The id of the stream (story, article or analysis) this event belongs to; also its Kafka key.
   */
  UUID streamId();

  /** The subject of the token that issued the command. */
  String actor();

  /** When the event was recorded by the service that decided it. */
  Instant occurredAt();
}
