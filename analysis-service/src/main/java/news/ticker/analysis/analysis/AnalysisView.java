package news.ticker.analysis.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An analysis as {@code GET /api/v1/analyses/{analysisId}} and every write answer it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Analysis")
public record AnalysisView(
    UUID id,
    UUID storyId,
    @Schema(description = "The update the analysis is anchored at, if any.") UUID anchorUpdateId,
    String title,
    String standfirst,
    @Schema(description = "Sanitised HTML.") String body,
    List<String> authors,
    String language,
    @Schema(enumeration = {"draft", "published", "withdrawn"}) AnalysisStatus status,
    @Schema(description = "1 at creation, +1 per change; the ETag and If-Match value.")
        long version,
    int wordCount,
    @Schema(description = "ceil(wordCount / 230), at least 1.") int readingTimeMinutes,
    @Schema(
            description =
                "The anchor update was retracted after the analysis was created; the analysis"
                    + " stays attached to its story.")
        boolean anchorRetracted,
    @Schema(description = "Public URL of this analysis.") String link,
    Instant createdAt,
    Instant updatedAt,
    @Schema(description = "When it was last published.") Instant publishedAt,
    @Schema(description = "When it was last withdrawn.") Instant withdrawnAt,
    @Schema(
            description =
                "Set when an admin redacted the analysis: the public note; title, standfirst and"
                    + " body are then gone.")
        Redaction redacted) {

  /** Why and when an admin removed the analysis's texts for good. */
  public record Redaction(String reason, Instant at) {
    static Redaction of(Analysis analysis) {
      return analysis.redactedAt == null
          ? null
          : new Redaction(analysis.redactionReason, analysis.redactedAt);
    }
  }

  static AnalysisView of(Analysis analysis, String link) {
    return new AnalysisView(
        analysis.id,
        analysis.storyId,
        analysis.anchorUpdateId,
        analysis.content.title,
        analysis.content.standfirst,
        analysis.content.body,
        List.copyOf(analysis.content.authors),
        analysis.content.language,
        analysis.status,
        analysis.version,
        analysis.content.wordCount,
        analysis.content.readingTimeMinutes,
        analysis.anchorRetracted,
        link,
        analysis.createdAt,
        analysis.updatedAt,
        analysis.publishedAt,
        analysis.withdrawnAt,
        Redaction.of(analysis));
  }
}
