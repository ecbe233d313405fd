package news.ticker.ingest.story;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Ends a story's coverage. The body is optional. */
@Schema(description = "Ends the coverage; the body is optional")
public record CloseStoryRequest(
    @Schema(description = "RFC 3339; default now", example = "2025-03-20T01:30:00-04:00")
        String coverageEndTime) {}
