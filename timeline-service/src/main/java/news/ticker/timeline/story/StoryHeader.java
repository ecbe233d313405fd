package news.ticker.timeline.story;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.changes.PublicChange;
import news.ticker.timeline.feed.AnalysisTeaser;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.feed.UpdateRendering;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The header of a story: what a live page shows above its feed.
 *
 * @param updateCount updates in the feed (retracted ones not counted)
 * @param version the story version this header reflects
 * @param degraded whether the story is held at a gap and may be behind
 */
@Schema(description = "A story's header: what a live page shows above its feed")
public record StoryHeader(
    UUID id,
    String title,
    String slug,
    @Schema(nullable = true) String section,
    @Schema(nullable = true, description = "BCP 47 language tag") String language,
    @Schema(nullable = true) String canonicalUrl,
    @Schema(enumeration = {"live", "closed"}) String status,
    @Schema(nullable = true) String summary,
    List<String> tags,
    Instant coverageStartTime,
    @Schema(nullable = true) Instant coverageEndTime,
    @Schema(nullable = true) PublicUpdate pinnedUpdate,
    List<KeyEvent> keyEvents,
    List<RelatedArticleItem> relatedArticles,
    List<AnalysisItem> analyses,
    int updateCount,
    long version,
    Instant updatedAt,
    boolean degraded) {

  /** The header of a story: its summary, with what the page shows besides. */
  public static StoryHeader of(
      StorySummary summary,
      PublicUpdate pinnedUpdate,
      List<KeyEvent> keyEvents,
      List<RelatedArticleItem> relatedArticles,
      List<AnalysisItem> analyses,
      boolean degraded) {
    return new StoryHeader(
        summary.id(),
        summary.title(),
        summary.slug(),
        summary.section(),
        summary.language(),
        summary.canonicalUrl(),
        summary.status(),
        summary.summary(),
        summary.tags(),
        summary.coverageStartTime(),
        summary.coverageEndTime(),
        pinnedUpdate,
        keyEvents,
        relatedArticles,
        analyses,
        summary.updateCount(),
        summary.version(),
        summary.updatedAt(),
        degraded);
  }

  /** A key event, newest first. */
  @Schema(description = "A key event, newest first")
  public record KeyEvent(
      UUID id, @Schema(ref = PublicChange.Text.SCHEMA) JsonNode headline, Instant publishedAt) {}

  /** A "READ: …" link. */
  @Schema(description = "A \"READ: …\" link")
  public record RelatedArticleItem(
      UUID id,
      String headline,
      @Schema(nullable = true) String url,
      @Schema(nullable = true) String standfirst) {}

  /**
   * An attached analysis.
   *
   * @param redacted the public note of an admin's redaction (title and standfirst are then null),
   *     or null
   */
  @Schema(description = "An attached analysis")
  public record AnalysisItem(
      UUID id,
      @Schema(nullable = true) String title,
      @Schema(nullable = true) String standfirst,
      int readingTimeMinutes,
      @Schema(nullable = true) String link,
      @Schema(nullable = true) UUID anchorUpdateId,
      @Schema(nullable = true) PublicUpdate.Redaction redacted)
      implements AnalysisTeaser {

    /** The item of an attached analysis's row, as stored or as folded. */
    public static AnalysisItem of(AnalysisRow analysis) {
      return new AnalysisItem(
          analysis.analysisId(),
          analysis.title(),
          analysis.standfirst(),
          analysis.readingTimeMinutes(),
          analysis.link(),
          analysis.anchorUpdateId(),
          UpdateRendering.redaction(analysis));
    }
  }
}
