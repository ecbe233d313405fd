package news.ticker.timeline.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One change as readers get it: an item of {@code /changes}, written by {@link
 * news.ticker.timeline.Json#MAPPER} exactly as {@link Change#toJson} writes the {@code data:} of an
 * SSE frame (the golden files of {@code ChangeGoldenTest} pin both). Its {@code data} is the stored
 * JSON of the change's {@link PublicChange} record; in OpenAPI the timeline's {@code
 * api.OpenApiContract} makes this schema a union of one schema per change type ({@code
 * StoryOpenedChange}, …), each with its {@code type} fixed and its own {@code data}.
 *
 * @param version the story version after this change (also the SSE {@code id:})
 * @param type the change type (also the SSE {@code event:})
 * @param updateId the update the change is about, or null
 * @param recordedAt when the newsroom recorded it
 * @param data what changed, by type
 */
@Schema(name = "Change", description = "One change of a story, in version order")
public record ChangeItem(
    @Schema(minimum = "1") long version,
    @Schema(example = "update-posted") String type,
    @Schema(nullable = true) UUID updateId,
    Instant recordedAt,
    @Schema(implementation = PublicChange.class) ObjectNode data) {}
