package news.ticker.analysis.api;

import java.util.List;
import java.util.UUID;
import news.ticker.analysis.analysis.AnalysisService;
import news.ticker.analysis.content.ContentRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/analyses}. Unknown fields are refused (400), typos included. */
@Schema(name = "CreateAnalysis", description = "A new draft analysis.")
public record CreateAnalysisRequest(
    @Schema(
            required = true,
            description = "The live story the analysis belongs to.",
            examples = "0190f5a2-6c3e-7b1a-9d2e-1f2a3b4c5d6e")
        UUID storyId,
    @Schema(
            description =
                "Optional anchor: the update of that story that prompted the analysis. A retracted"
                    + " update is refused (409).",
            examples = "0190f5a2-7d4f-7c2b-8e3f-2a3b4c5d6e7f")
        UUID updateId,
    @Schema(required = true, maxLength = 300, examples = "Why the dykes held this time")
        String title,
    @Schema(maxLength = 1000, examples = "Thirty years of investment paid off in one night.")
        String standfirst,
    @Schema(
            required = true,
            description =
                "HTML, sanitised with the newsroom allow-list; at most 1 MiB (configurable).",
            examples = "<p>When the water rose on Tuesday night…</p>")
        String body,
    @Schema(maxItems = 20, examples = "[\"Anna de Vries\"]") List<String> authors,
    @Schema(required = true, description = "BCP 47 language tag.", examples = "nl")
        String language) {

  /**
   * The draft as sent; the service checks the story and has {@link ContentRules} check the rest.
   */
  AnalysisService.Draft draft() {
    return new AnalysisService.Draft(
        storyId, updateId, new ContentRules.Submitted(title, standfirst, body, authors, language));
  }
}
