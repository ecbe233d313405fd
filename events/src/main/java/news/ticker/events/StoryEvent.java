package news.ticker.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every event of a live story's stream ({@link Topics#STORY_EVENTS}, key: story id). Opening a
 * story is version 1 and every event adds exactly 1. Texts that a court may order removed travel
 * sealed ({@link SealedText}).
 */
public sealed interface StoryEvent extends Event {

  UUID storyId();

  @Override
  default UUID streamId() {
    return storyId();
  }

  /** A live story was opened. */
  record StoryOpened(
      UUID storyId,
      String title,
      String slug,
      String section,
      String language,
      String summary,
      List<String> tags,
      String canonicalUrl,
      Instant coverageStartTime,
      String actor,
      Instant occurredAt)
      implements StoryEvent {}

  /** The story's header changed; carries the complete new values, not a patch. */
  record StoryChanged(
      UUID storyId,
      String title,
      String section,
      String summary,
      List<String> tags,
      String canonicalUrl,
      String actor,
      Instant occurredAt)
      implements StoryEvent {}

  /** Coverage ended; no more updates are accepted. */
  record StoryClosed(UUID storyId, Instant coverageEndTime, String actor, Instant occurredAt)
      implements StoryEvent {}

  /**
   * A reporter posted an update. {@code sourceId} is set for imported updates. {@code publishedAt}
   * may be in the past (backdated); {@code occurredAt} is when it was recorded.
   */
  record UpdatePosted(
      UUID storyId,
      UUID updateId,
      SealedText headline,
      SealedText body,
      List<String> authors,
      boolean keyEvent,
      boolean pinned,
      Instant publishedAt,
      String sourceId,
      String actor,
      Instant occurredAt)
      implements StoryEvent {}

  /** An update's text changed silently (typo, added detail). Carries the complete new content. */
  record UpdateEdited(
      UUID storyId,
      UUID updateId,
      SealedText headline,
      SealedText body,
      List<String> authors,
      String actor,
      Instant occurredAt)
      implements StoryEvent {}

  /**
   * An update was corrected; the {@code note} is shown to readers. Carries the complete new
   * content.
   */
  record UpdateCorrected(
      UUID storyId,
      UUID updateId,
      SealedText headline,
      SealedText body,
      List<String> authors,
      SealedText note,
      String actor,
      Instant occurredAt)
      implements StoryEvent {}

  /** An update was withdrawn from the feed; its history stays public. */
  record UpdateRetracted(
      UUID storyId, UUID updateId, String reason, String actor, Instant occurredAt)
      implements StoryEvent {}

  /**
   * An update was redacted by an admin (a court order, a source's safety): its content key was
   * destroyed in the same transaction, so every text of every version of the update is gone for
   * good, in every replay. The update stays in the story as a tombstone; {@code reason} is the
   * public note shown in its place (plain text, e.g. "Removed by court order").
   */
  record UpdateRedacted(
      UUID storyId, UUID updateId, String reason, String actor, Instant occurredAt)
      implements StoryEvent {}

  record UpdatePinned(UUID storyId, UUID updateId, String actor, Instant occurredAt)
      implements StoryEvent {}

  record UpdateUnpinned(UUID storyId, UUID updateId, String actor, Instant occurredAt)
      implements StoryEvent {}

  record KeyEventMarked(UUID storyId, UUID updateId, String actor, Instant occurredAt)
      implements StoryEvent {}

  record KeyEventUnmarked(UUID storyId, UUID updateId, String actor, Instant occurredAt)
      implements StoryEvent {}

  /** A related article ("READ: …") was linked; carries a snapshot of the article. */
  record RelatedArticleLinked(
      UUID storyId,
      UUID articleId,
      String headline,
      String url,
      String standfirst,
      String actor,
      Instant occurredAt)
      implements StoryEvent {}

  record RelatedArticleUnlinked(UUID storyId, UUID articleId, String actor, Instant occurredAt)
      implements StoryEvent {}

  /**
   * A published analysis was attached ("Read the full analysis here"), optionally anchored at one
   * update. Sent again with new metadata when the analysis is revised.
   */
  record AnalysisAttached(
      UUID storyId,
      UUID analysisId,
      String title,
      String standfirst,
      int readingTimeMinutes,
      String link,
      UUID anchorUpdateId,
      String actor,
      Instant occurredAt)
      implements StoryEvent, AnalysisCard {}

  record AnalysisDetached(UUID storyId, UUID analysisId, String actor, Instant occurredAt)
      implements StoryEvent {}

  /**
   * An admin redacted an analysis of the story (from {@code analysis-redacted}): its card keeps
   * only the public {@code reason}; consumers drop the title and standfirst they derived from
   * earlier {@code analysis-attached} events of that analysis.
   */
  record AnalysisAttachmentRedacted(
      UUID storyId, UUID analysisId, String reason, String actor, Instant occurredAt)
      implements StoryEvent {}
}
