package news.ticker.ingest.story;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Opens a live story. */
@Schema(description = "A live story to open")
public record OpenStoryRequest(
    @Schema(required = true, maxLength = 300, example = "Verkiezingen Curaçao 2025") String title,
    @Schema(
            description =
                "Unique across stories; derived from the title when absent. Lowercase letters,"
                    + " digits and single hyphens.",
            example = "verkiezingen-curacao-2025")
        String slug,
    @Schema(example = "Koninkrijksrelaties") String section,
    @Schema(description = "BCP 47 language tag", example = "nl") String language,
    @Schema(example = "Live verslag van de Statenverkiezingen.") String summary,
    @Schema(maxItems = 20, example = "[\"Curaçao\", \"verkiezingen\"]") List<String> tags,
    @Schema(
            description = "Absolute http(s) URL",
            example = "https://nos.nl/live/verkiezingen-curacao")
        String canonicalUrl,
    @Schema(description = "RFC 3339; default now", example = "2025-03-19T07:00:00-04:00")
        String coverageStartTime) {}
