package news.ticker.ingest.update;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an update's texts are removed for good: the public note readers see in their place. */
@Schema(description = "The public note shown in place of the redacted update")
public record RedactUpdateRequest(
    @Schema(required = true, maxLength = 1000, example = "Removed by court order") String reason) {}
