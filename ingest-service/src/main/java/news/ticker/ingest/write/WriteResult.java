package news.ticker.ingest.write;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a write.
 *
 * @param id the story, update or article the write was about
 * @param storyId the story, when {@code id} is an update or a linked article
 * @param version the stream's version after the write (also the ETag)
 * @param changed false when the command changed nothing (for example pinning the pinned update)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The answer to a write: what it was about and the stream's new version.")
public record WriteResult(
    @Schema(description = "The story, update or article the write was about") UUID id,
    @Schema(description = "The story, when id is an update or a linked article") UUID storyId,
    @Schema(description = "The stream's version after the write, also sent as ETag", example = "8")
        long version,
    @Schema(description = "False when the command changed nothing") boolean changed) {}
