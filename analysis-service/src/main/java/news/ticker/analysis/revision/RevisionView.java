package news.ticker.analysis.revision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of {@code GET /api/v1/analyses/{analysisId}/revisions}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AnalysisRevision")
public record RevisionView(
    @Schema(description = "The analysis version at which this content became current.")
        long version,
    String title,
    String standfirst,
    String body,
    List<String> authors,
    String language,
    int wordCount,
    int readingTimeMinutes,
    @Schema(description = "The subject of the token that wrote this revision.") String actor,
    Instant revisedAt) {

  public static RevisionView of(AnalysisRevision revision) {
    return new RevisionView(
        revision.version,
        revision.content.title,
        revision.content.standfirst,
        revision.content.body,
        List.copyOf(revision.content.authors),
        revision.content.language,
        revision.content.wordCount,
        revision.content.readingTimeMinutes,
        revision.actor,
        revision.revisedAt);
  }
}
