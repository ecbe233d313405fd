package news.ticker.analysis.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A published analysis in a story's list: its {@link AnalysisView} without the body, status and
 * editorial times.
 */
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

  /** The view without what a story's list leaves out: body, status and editorial times. */
  static AnalysisSummary of(AnalysisView view) {
    return new AnalysisSummary(
        view.id(),
        view.storyId(),
        view.anchorUpdateId(),
        view.title(),
        view.standfirst(),
        view.authors(),
        view.language(),
        view.version(),
        view.wordCount(),
        view.readingTimeMinutes(),
        view.anchorRetracted(),
        view.link(),
        view.publishedAt(),
        view.updatedAt(),
        view.redacted());
  }
}
