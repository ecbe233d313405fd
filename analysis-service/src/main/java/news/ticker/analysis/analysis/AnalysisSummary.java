package news.ticker.analysis.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published analysis in a story's list: everything but the body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AnalysisSummary")
public record AnalysisSummary(
    UUID id,
    UUID storyId,
    UUID anchorUpdateId,
    String title,
    String standfirst,
    List<String> authors,
    String language,
    long version,
    int wordCount,
    int readingTimeMinutes,
    boolean anchorRetracted,
    String link,
    Instant publishedAt,
    Instant updatedAt,
    AnalysisView.Redaction redacted) {

  static AnalysisSummary of(Analysis analysis, String link) {
    return new AnalysisSummary(
        analysis.id,
        analysis.storyId,
        analysis.anchorUpdateId,
        analysis.content.title,
        analysis.content.standfirst,
        List.copyOf(analysis.content.authors),
        analysis.content.language,
        analysis.version,
        analysis.content.wordCount,
        analysis.content.readingTimeMinutes,
        analysis.anchorRetracted,
        link,
        analysis.publishedAt,
        analysis.updatedAt,
        AnalysisView.Redaction.of(analysis));
  }
}
