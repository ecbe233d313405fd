package news.ticker.timeline.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.changes.PublicChange;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An update as readers see it, in the feed, as the pinned update and on its own.
 *
 * @param headline the text, or {@code {"redacted": true}}
 * @param body sanitised HTML, or {@code {"redacted": true}}
 * @param updatedAt when its content last changed (posted, edited or corrected), as recorded
 * @param correction the latest correction, or null
 * @param analysis the analysis anchored at this update, or null
 * @param redacted the public note of an admin's redaction, or null; its texts are then {@code
 *     {"redacted": true}}
 */
@Schema(description = "An update as readers see it")
public record PublicUpdate(
    UUID id,
    @Schema(ref = PublicChange.Text.SCHEMA) JsonNode headline,
    @Schema(ref = PublicChange.Text.SCHEMA, description = "Sanitised HTML") JsonNode body,
    List<String> authors,
    boolean keyEvent,
    boolean pinned,
    boolean retracted,
    Instant publishedAt,
    Instant updatedAt,
    @Schema(nullable = true) Correction correction,
    @Schema(nullable = true) AnalysisLink analysis,
    @Schema(nullable = true) Redaction redacted) {

  /** The latest correction of an update; its note is shown to readers. */
  @Schema(name = "UpdateCorrection", description = "The latest correction, with its public note")
  public record Correction(
      @Schema(ref = PublicChange.Text.SCHEMA) JsonNode note, Instant correctedAt) {}

  /** Why and when an admin removed the update's texts for good: shown in their place. */
  @Schema(description = "The public note of an admin's redaction")
  public record Redaction(@Schema(nullable = true) String reason, Instant at) {}

  /**
   * "Read the full analysis": the analysis anchored at an update; {@code redacted} is the public
   * note of an admin's redaction (title and standfirst are then null), or null.
   */
  @Schema(description = "\"Read the full analysis\": the analysis anchored at the update")
  public record AnalysisLink(
      UUID id,
      @Schema(nullable = true) String title,
      @Schema(nullable = true) String standfirst,
      int readingTimeMinutes,
      @Schema(nullable = true) String link,
      @Schema(nullable = true) Redaction redacted)
      implements AnalysisTeaser {}

  public PublicUpdate withAnalysis(AnalysisLink link) {
    return new PublicUpdate(
        id,
        headline,
        body,
        authors,
        keyEvent,
        pinned,
        retracted,
        publishedAt,
        updatedAt,
        correction,
        link,
        redacted);
  }
}
