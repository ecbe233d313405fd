package news.ticker.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Long-form analyses ({@link Topics#ANALYSIS_EVENTS}, key: analysis id). Metadata only: the long
 * body never travels in an event; front-ends fetch it from the analysis service.
 */
public sealed interface AnalysisEvent extends Event {

  UUID analysisId();

  /** The story the analysis is about. */
  UUID storyId();

  @Override
  default UUID streamId() {
    return analysisId();
  }

  /**
   * An analysis announced with its complete metadata, as it reads now: published, or revised while
   * published. A reader of the stream handles both alike.
   */
  sealed interface Announced extends AnalysisEvent, AnalysisCard
      permits AnalysisPublished, AnalysisRevised {
    String actor();
  }

  record AnalysisPublished(
      UUID analysisId,
      UUID storyId,
      UUID anchorUpdateId,
      String title,
      String standfirst,
      List<String> authors,
      String language,
      int wordCount,
      int readingTimeMinutes,
      String link,
      String actor,
      Instant occurredAt)
      implements Announced {}

  /** A published analysis changed; carries the complete new metadata. */
  record AnalysisRevised(
      UUID analysisId,
      UUID storyId,
      UUID anchorUpdateId,
      String title,
      String standfirst,
      List<String> authors,
      String language,
      int wordCount,
      int readingTimeMinutes,
      String link,
      String actor,
      Instant occurredAt)
      implements Announced {}

  record AnalysisWithdrawn(UUID analysisId, UUID storyId, String actor, Instant occurredAt)
      implements AnalysisEvent {}

  /**
   * An admin redacted the analysis: its title, standfirst and body, in every revision, are gone
   * from the analysis service; {@code reason} is the public note shown in their place.
   */
  record AnalysisRedacted(
      UUID analysisId, UUID storyId, String reason, String actor, Instant occurredAt)
      implements AnalysisEvent {}
}
