package news.ticker.timeline.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

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
public record Revision(
    long version,
    String kind,
    JsonNode headline,
    JsonNode body,
    List<String> authors,
    JsonNode note,
    Instant recordedAt) {}
