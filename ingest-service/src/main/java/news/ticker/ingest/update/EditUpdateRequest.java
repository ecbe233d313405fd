package news.ticker.ingest.update;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * New content of an update: {@code body} is required; {@code headline} and {@code authors} keep
 * their value when absent (an empty headline removes it); with {@code correction} it is a
 * correction shown to readers.
 */
@Schema(
    description =
        "New content; headline and authors keep their value when absent (\"\" removes the"
            + " headline). With correction it is a correction shown to readers.")
public record EditUpdateRequest(
    @Schema(required = true, description = "HTML, sanitised like a posted body") String body,
    @Schema(maxLength = 300) String headline,
    @Schema(maxItems = 20) List<String> authors,
    @Schema(
            description = "A note shown to readers; makes the edit a correction",
            example = "In een eerdere versie stond dat de opkomst 38 procent was; dat is 43.")
        String correction) {}
