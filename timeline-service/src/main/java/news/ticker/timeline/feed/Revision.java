package news.ticker.timeline.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import news.ticker.timeline.changes.PublicChange;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of an update's public history.
 *
 * @param version the story version of the event
 * @param kind {@code posted}, {@code edited}, {@code corrected}, {@code retracted} or {@code
 *     redacted}
 * @param note the correction note shown to readers (corrections), or the public reason of a
 *     redaction
 * @param recordedAt when it was recorded
 */
@Schema(name = "UpdateRevision", description = "One entry of an update's public history")
public record Revision(
    long version,
    @Schema(enumeration = {"posted", "edited", "corrected", "retracted", "redacted"}) String kind,
    @Schema(
            ref = PublicChange.Text.SCHEMA,
            description = "The texts after this revision; null for a retraction or redaction")
        JsonNode headline,
    @Schema(ref = PublicChange.Text.SCHEMA) JsonNode body,
    @Schema(nullable = true) List<String> authors,
    @Schema(
            ref = PublicChange.Text.SCHEMA,
            description = "The correction note, or the public reason of a redaction")
        JsonNode note,
    Instant recordedAt) {}
