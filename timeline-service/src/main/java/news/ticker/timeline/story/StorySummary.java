package news.ticker.timeline.story;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A story in the list of stories. */
@Schema(description = "A story in the list of stories")
public record StorySummary(
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
    int updateCount,
    long version,
    Instant updatedAt) {

  /** The summary of a story's row, as stored or as folded from its change log. */
  public static StorySummary of(StoryRow story) {
    return new StorySummary(
        story.storyId(),
        story.title(),
        story.slug(),
        story.section(),
        story.language(),
        story.canonicalUrl(),
        story.status(),
        story.summary(),
        story.tags(),
        story.coverageStartTime(),
        story.coverageEndTime(),
        story.updateCount(),
        story.version(),
        story.updatedAt());
  }
}
