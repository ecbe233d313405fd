package news.ticker.timeline.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.readmodel.RebuildRow;

/** The status resource of a rebuild. */
public record RebuildStatus(
    UUID id,
    int generation,
    String status,
    String requestedBy,
    String replica,
    Instant requestedAt,
    Instant heartbeatAt,
    Instant finishedAt,
    long eventsApplied,
    JsonNode endOffsets,
    JsonNode positions,
    String error) {

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
