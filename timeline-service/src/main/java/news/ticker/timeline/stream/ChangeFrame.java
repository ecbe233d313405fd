package news.ticker.timeline.stream;

import java.time.Instant;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.ChangeLog;

/**
 * A change on its way to SSE clients.
 *
 * @param previous the version of the change before it in the log, as the channel knows it: a client
 *     that has seen up to {@code previous} can take this frame without a gap
 * @param json the frame's data: the change's public JSON
 */
record ChangeFrame(
    long version, long previous, String type, String json, boolean keyEvent, Instant recordedAt) {

  static ChangeFrame of(ChangeLog.Entry entry, long previous) {
    return new ChangeFrame(
        entry.version(),
        previous,
        entry.type(),
        Json.text(entry.toJson()),
        entry.keyEvent(),
        entry.recordedAt());
  }
}
