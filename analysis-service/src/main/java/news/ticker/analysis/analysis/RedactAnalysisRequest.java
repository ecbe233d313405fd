package news.ticker.analysis.analysis;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an analysis's texts are removed for good: the public note readers see in their place. */
@Schema(name = "RedactAnalysisRequest")
public record RedactAnalysisRequest(
    @Schema(required = true, maxLength = 1000, example = "Removed by court order") String reason) {}
