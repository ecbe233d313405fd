package news.ticker.timeline.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.readmodel.RebuildRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The status resource of a rebuild. */
@Schema(description = "A rebuild of the read model by replay")
public record RebuildStatus(
    UUID id,
    @Schema(description = "The generation of the read model it builds") int generation,
    @Schema(
            enumeration = {
              RebuildRow.RUNNING,
              RebuildRow.SWITCHED,
              RebuildRow.FAILED,
              RebuildRow.CANCELLED
            })
        String status,
    String requestedBy,
    @Schema(description = "The replica that runs it") String replica,
    Instant requestedAt,
    Instant heartbeatAt,
    @Schema(nullable = true) Instant finishedAt,
    long eventsApplied,
    @Schema(ref = "PartitionOffsets", description = "The end offsets captured at the start")
        JsonNode endOffsets,
    @Schema(ref = "PartitionOffsets", description = "How far the replay got") JsonNode positions,
    @Schema(nullable = true, description = "Why it failed") String error) {

  public static RebuildStatus of(RebuildRow row) {
    return new RebuildStatus(
        row.id,
        row.generation,
        row.status,
        row.requestedBy,
        row.replica,
        row.requestedAt,
        row.heartbeatAt,
        row.finishedAt,
        row.eventsApplied,
        row.endOffsets == null ? null : Json.tree(row.endOffsets),
        row.positions == null ? null : Json.tree(row.positions),
        row.error);
  }
}
