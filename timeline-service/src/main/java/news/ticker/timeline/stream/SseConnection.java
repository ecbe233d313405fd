package news.ticker.timeline.stream;

import io.vertx.core.buffer.Buffer;

/** The HTTP side of one SSE client, as a {@link StreamSession} uses it. */
public interface SseConnection {

  /**
   * Queues bytes for the client, in call order. A client too slow to take them is disconnected (it
   * resumes with {@code Last-Event-ID}, losing nothing).
   */
  void send(Buffer bytes);

  /**
   * Queues several pieces for the client, in call order, to be written together: a session hands
   * over everything one batch gave it at once, so that it costs one write and one flush.
   */
  default void send(java.util.List<Buffer> pieces) {
    pieces.forEach(this::send);
  }

  /** Ends the connection without a proper end, so the client reconnects and resumes. */
  void abort();

  /**
   * The event loop this connection writes on (the same instance for every connection on that loop),
   * so that live frames reach all of a loop's connections in one task; null when unknown. A {@link
   * #send} on this loop writes without queueing when nothing waits before it.
   */
  default java.util.concurrent.Executor loop() {
    return null;
  }
}
