package news.ticker.timeline.story;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.feed.PublicUpdate;

/**
 * The header of a story: what a live page shows above its feed.
 *
 * @param updateCount updates in the feed (retracted ones not counted)
 * @param version the story version this header reflects
 * @param degraded whether the story is held at a gap and may be behind
 */
public record StoryHeader(
    UUID id,
    String title,
    String slug,
    String section,
    String language,
    String canonicalUrl,
    String status,
    String summary,
    List<String> tags,
    Instant coverageStartTime,
    Instant coverageEndTime,
    PublicUpdate pinnedUpdate,
    List<KeyEvent> keyEvents,
    List<RelatedArticleItem> relatedArticles,
    List<AnalysisItem> analyses,
    int updateCount,
    long version,
    Instant updatedAt,
    boolean degraded) {

  /** A key event, newest first. */
  public record KeyEvent(UUID id, JsonNode headline, Instant publishedAt) {}

  /** A "READ: …" link. */
  public record RelatedArticleItem(UUID id, String headline, String url, String standfirst) {}

  /**
   * An attached analysis.
   *
   * @param redacted the public note of an admin's redaction (title and standfirst are then null),
   *     or null
   */
  public record AnalysisItem(
      UUID id,
      String title,
      String standfirst,
      int readingTimeMinutes,
      String link,
      UUID anchorUpdateId,
      PublicUpdate.Redaction redacted) {}
}
