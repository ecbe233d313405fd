package news.ticker.timeline.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
public record PublicUpdate(
    UUID id,
    JsonNode headline,
    JsonNode body,
    List<String> authors,
    boolean keyEvent,
    boolean pinned,
    boolean retracted,
    Instant publishedAt,
    Instant updatedAt,
    Correction correction,
    AnalysisLink analysis,
    Redaction redacted) {

  /** The latest correction of an update; its note is shown to readers. */
  public record Correction(JsonNode note, Instant correctedAt) {}

  /** Why and when an admin removed the update's texts for good: shown in their place. */
  public record Redaction(String reason, Instant at) {}

  /**
   * "Read the full analysis": the analysis anchored at an update; {@code redacted} is the public
   * note of an admin's redaction (title and standfirst are then null), or null.
   */
  public record AnalysisLink(
      UUID id,
      String title,
      String standfirst,
      int readingTimeMinutes,
      String link,
      Redaction redacted) {}

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
