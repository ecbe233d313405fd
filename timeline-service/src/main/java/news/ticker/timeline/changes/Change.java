package news.ticker.timeline.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import news.ticker.timeline.Json;

/**
 * One applied story event as readers see it: the public rendering of the event (decrypted texts, no
 * {@code actor}). Its {@link #toJson() JSON} is exactly an item of {@code /changes} and the {@code
 * data:} of the SSE frame with {@code id:} = {@link #version} and {@code event:} = {@link #type}.
 *
 * @param storyId the story
 * @param version the story version after this event
 * @param type the bare event name, e.g. {@code update-posted}
 * @param updateId the update the event is about, or null
 * @param recordedAt when ingest recorded the event ({@code ce_time})
 * @param data the type-specific public payload
 * @param keyId the content key the texts in {@code data} were sealed under, or null when it has
 *     none; destroying that key redacts them
 */
public record Change(
    UUID storyId,
    long version,
    String type,
    UUID updateId,
    Instant recordedAt,
    ObjectNode data,
    String keyId) {

  public Change {
    Objects.requireNonNull(storyId, "storyId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(data, "data");
  }

  /** The public JSON of this change. */
  public ObjectNode toJson() {
    return toJson(version, type, updateId, recordedAt, data);
  }

  /** The public JSON of a change, from its parts (as stored in the change log). */
  public static ObjectNode toJson(
      long version, String type, UUID updateId, Instant recordedAt, ObjectNode data) {
    ObjectNode json = Json.object();
    json.put("version", version);
    json.put("type", type);
    json.put("updateId", updateId == null ? null : updateId.toString());
    json.put("recordedAt", recordedAt.toString());
    json.set("data", data);
    return json;
  }
}
