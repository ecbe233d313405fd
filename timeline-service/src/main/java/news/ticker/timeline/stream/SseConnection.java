package news.ticker.timeline.stream;

import io.vertx.core.buffer.Buffer;

/** The HTTP side of one SSE client, as a {@link StreamSession} uses it. */
public interface SseConnection {

  /**
   * Queues bytes for the client, in call order. A client too slow to take them is disconnected (it
   * resumes with {@code Last-Event-ID}, losing nothing).
   */
  void send(Buffer bytes);

  /** Ends the connection without a proper end, so the client reconnects and resumes. */
  void abort();
}
