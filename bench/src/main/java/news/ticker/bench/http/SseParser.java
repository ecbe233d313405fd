package news.ticker.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte-level Server-Sent Events parser (the WHATWG event-stream format: lines ended by CR, LF or
 * CRLF; {@code field: value}; a blank line dispatches; {@code :} starts a comment). Built for tens
 * of thousands of frames per second on one event loop: it keeps only the start of each line and the
 * size of {@code data}, unless asked to keep the data.
 */
public final class SseParser {

  /** What a dispatched frame carried. */
  public interface Listener {
    /**
     * @param event the {@code event:} name, or "message" when absent
     * @param id the {@code id:} of this frame, or null when it had none
     * @param dataBytes bytes of data (without the line ends between data lines)
     * @param data the data when the parser keeps it, else null
     */
    void onFrame(String event, String id, int dataBytes, String data);

    /** A comment line (heartbeat). */
    default void onComment() {}

    /** A block with an {@code id:} and no data: the stream's position before any event. */
    default void onPosition(String id) {}
  }

  private static final int PREFIX = 64;

  private final Listener listener;
  private final boolean keepData;
  private byte[] line = new byte[PREFIX];
  private int kept;
  private int lineLength;
  private boolean lastWasCr;
  private String event;
  private String id;
  private int dataBytes;
  private int dataLines;
  private StringBuilder data;
  private long frames;
  private long bytes;

  public SseParser(Listener listener, boolean keepData) {
    this.listener = listener;
    this.keepData = keepData;
  }

  public long frames() {
    return frames;
  }

  public long bytes() {
    return bytes;
  }

  public void feed(byte[] chunk) {
    feed(chunk, 0, chunk.length);
  }

  public void feed(byte[] chunk, int offset, int length) {
    bytes += length;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = chunk[i];
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false;
          continue;
        }
        endLine();
      } else if (b == '\r') {
        lastWasCr = true;
        endLine();
      } else {
        lastWasCr = false;
        if (kept < line.length) {
          line[kept++] = b;
        } else if (keepData) {
          line = Arrays.copyOf(line, line.length * 2);
          line[kept++] = b;
        }
        lineLength++;
      }
    }
  }

  private void endLine() {
    if (lineLength == 0) {
      dispatch();
    } else if (line[0] == ':') {
      listener.onComment();
    } else {
      field();
    }
    kept = 0;
    lineLength = 0;
  }

  private void field() {
    int colon = -1;
    for (int i = 0; i < kept; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    int nameEnd = colon < 0 ? kept : colon;
    int valueStart = colon < 0 ? lineLength : colon + 1;
    if (colon >= 0 && valueStart < lineLength && valueStart < kept && line[valueStart] == ' ') {
      valueStart++;
    }
    int valueLength = lineLength - valueStart;
    if (is("data", nameEnd)) {
      dataBytes += valueLength + (dataLines > 0 ? 1 : 0);
      if (keepData) {
        if (data == null) {
          data = new StringBuilder();
        }
        if (dataLines > 0) {
          data.append('\n');
        }
        data.append(
            new String(line, valueStart, Math.max(0, kept - valueStart), StandardCharsets.UTF_8));
      }
      dataLines++;
    } else if (is("id", nameEnd)) {
      id = text(valueStart);
    } else if (is("event", nameEnd)) {
      event = text(valueStart);
    }
    // retry and unknown fields are ignored, as the spec says
  }

  private String text(int start) {
    return new String(line, start, Math.max(0, kept - start), StandardCharsets.UTF_8);
  }

  private boolean is(String name, int nameEnd) {
    if (nameEnd != name.length()) {
      return false;
    }
    for (int i = 0; i < nameEnd; i++) {
      if (line[i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void dispatch() {
    if (dataLines == 0 && id != null) {
      listener.onPosition(id); // no event, but EventSource takes the id as its last event id
    }
    if (dataLines > 0) {
      frames++;
      listener.onFrame(
          event == null ? "message" : event,
          id,
          dataBytes,
          keepData ? (data == null ? "" : data.toString()) : null);
    }
    event = null;
    id = null;
    dataBytes = 0;
    dataLines = 0;
    data = null;
  }
}
