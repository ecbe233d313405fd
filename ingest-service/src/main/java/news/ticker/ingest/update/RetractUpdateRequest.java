package news.ticker.ingest.update;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an update is withdrawn from the feed. */
@Schema(description = "Why the update is retracted")
public record RetractUpdateRequest(
    @Schema(required = true, maxLength = 1000, example = "Bron bleek onbetrouwbaar")
        String reason) {}
