package news.ticker.timeline.stream;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import news.ticker.timeline.changes.ChangeLog;

/**
 * A change on its way to SSE clients, encoded once: every client of the story is sent the same
 * bytes, so a frame costs one encoding however many readers follow the story.
 *
 * @param previous the version of the change before it in the log, as the channel knows it: a client
 *     that has seen up to {@code previous} can take this frame without a gap
 * @param sse the complete SSE event ({@code id:}, {@code event:}, {@code data:} and the blank line)
 */
record ChangeFrame(long version, long previous, boolean keyEvent, Instant recordedAt, Buffer sse) {

  /** A frame for one client (a catch-up read from the change log): its bytes are on the heap. */
  static ChangeFrame of(ChangeLog.Entry entry, long previous) {
    return new ChangeFrame(
        entry.version(),
        previous,
        entry.keyEvent(),
        entry.recordedAt(),
        encode(entry.version(), entry.type(), entry.json()));
  }

  /**
   * A live frame that every client of the story is sent: its bytes are in direct memory, so that
   * the socket writes them as they are. A heap frame is copied into a direct buffer once per client
   * and write; with 10,000 readers those copies, held until each slow socket drains, are what ran
   * out of direct memory. The garbage collector frees the bytes once no connection holds them (a
   * connection never releases them).
   */
  static ChangeFrame shared(ChangeLog.Entry entry, long previous) {
    ChangeFrame frame = of(entry, previous);
    byte[] bytes = frame.sse().getBytes();
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    return new ChangeFrame(
        frame.version(),
        frame.previous(),
        frame.keyEvent(),
        frame.recordedAt(),
        Buffer.buffer(Unpooled.wrappedBuffer(direct)));
  }

  /**
   * One SSE event. The data is single-line JSON (Jackson escapes line breaks inside strings), so it
   * is one {@code data:} line; a line break would end the field early, hence the check.
   */
  static Buffer encode(long version, String type, String json) {
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("SSE data must be one line of JSON");
    }
    String event = "id: " + version + "\nevent: " + type + "\ndata: " + json + "\n\n";
    return Buffer.buffer(event.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An event id without data: an {@code EventSource} dispatches no event for it, but takes the id
   * as its last event id (WHATWG HTML, server-sent events: the id is set before an empty data
   * buffer ends the dispatch), so it resumes after {@code version} if the connection drops.
   */
  static Buffer position(long version) {
    return Buffer.buffer(("id: " + version + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  /** An SSE comment: ignored by clients, keeps the connection and its proxies alive. */
  static Buffer comment(String text) {
    return Buffer.buffer((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
