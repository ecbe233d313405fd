package news.ticker.ingest.story;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Changes a story's header: fields not sent keep their value; {@code null} clears an optional
 * field.
 */
@Schema(
    description =
        "The header fields to change; fields not sent keep their value, null clears an optional"
            + " field")
public record ChangeStoryRequest(
    @Schema(maxLength = 300, example = "Verkiezingen Curaçao: MFK wint") String title,
    @Schema(example = "Koninkrijksrelaties") String section,
    @Schema(example = "De uitslag van de Statenverkiezingen.") String summary,
    @Schema(maxItems = 20) List<String> tags,
    @Schema(description = "Absolute http(s) URL") String canonicalUrl) {}
