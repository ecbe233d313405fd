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
 * @param recordedAt when ingest recorded the event ({@code ce_time})
 * @param body the typed public payload, one record per change type
 * @param keyId the content key the texts in {@code body} were sealed under, or null when it has
 *     none; destroying that key redacts them
 * @param data the JSON of {@code body}, as the change log stores it
 */
public record Change(
    UUID storyId,
    long version,
    Instant recordedAt,
    PublicChange body,
    String keyId,
    ObjectNode data) {

  public Change {
    Objects.requireNonNull(storyId, "storyId");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(data, "data");
  }

  /** A change and the JSON of its body. */
  public static Change of(
      UUID storyId, long version, Instant recordedAt, PublicChange body, String keyId) {
    return new Change(storyId, version, recordedAt, body, keyId, body.toJson());
  }

  /** The bare event name, e.g. {@code update-posted}. */
  public String type() {
    return body.type();
  }

  /** The update the change is about, or null. */
  public UUID updateId() {
    return body.updateId();
  }

  /**
   * This change as readers may see it once its analysis was redacted: an {@code analysis-attached}
   * without its texts; any other change as it is.
   */
  public Change withAnalysisRedacted() {
    return body instanceof PublicChange.AnalysisAttached attached
        ? of(storyId, version, recordedAt, attached.blanked(), keyId)
        : this;
  }

  /** The public JSON of this change. */
  public ObjectNode toJson() {
    return toJson(version, type(), updateId(), recordedAt, data);
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
