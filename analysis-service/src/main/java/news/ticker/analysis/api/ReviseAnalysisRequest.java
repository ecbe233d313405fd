package news.ticker.analysis.api;

import java.util.List;
import news.ticker.analysis.content.ContentRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PUT /api/v1/analyses/{analysisId}}: the complete new content. The story and
 * anchor are fixed at creation, so they are not fields here; unknown fields are refused (400).
 */
@Schema(name = "ReviseAnalysis", description = "The complete new content of an analysis.")
public record ReviseAnalysisRequest(
    @Schema(required = true, maxLength = 300, examples = "Why the dykes held this time")
        String title,
    @Schema(maxLength = 1000, examples = "Thirty years of investment paid off in one night.")
        String standfirst,
    @Schema(
            required = true,
            description = "HTML, sanitised with the newsroom allow-list; at most 1 MiB.",
            examples = "<p>When the water rose on Tuesday night…</p>")
        String body,
    @Schema(maxItems = 20, examples = "[\"Anna de Vries\"]") List<String> authors,
    @Schema(required = true, description = "BCP 47 language tag.", examples = "nl")
        String language) {

  /** The content as sent, for {@link ContentRules} to check. */
  ContentRules.Submitted content() {
    return new ContentRules.Submitted(title, standfirst, body, authors, language);
  }
}
