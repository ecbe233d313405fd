package news.ticker.timeline.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.ProblemType;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.readmodel.Generations;

/**
 * Opens SSE streams: enforces the per-client connection limit, wires a {@link StreamSession} to its
 * story's channel and sends one heartbeat comment to every open stream from a single timer (no
 * timer, thread or blocking call per connection, so one replica holds tens of thousands of them).
 */
@ApplicationScoped
public class StreamService {

  @Inject LiveFanOut fanOut;
  @Inject ChangeLog changeLog;
  @Inject Generations generations;
  @Inject TimelineConfig config;
  @Inject Vertx vertx;
  @Inject MeterRegistry registry;

  private static final Buffer HEARTBEAT = ChangeFrame.comment("heartbeat");

  private final Set<StreamSession> open = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private volatile long heartbeatTimer = -1;

  void start(@Observes StartupEvent event) {
    Gauge.builder("ticker.timeline.sse.connections", open, Set::size)
        .description("Open SSE connections on this replica")
        .register(registry);
    heartbeatTimer =
        vertx.setPeriodic(Math.max(100, config.stream().heartbeat().toMillis()), id -> heartbeat());
  }

  void stop(@Observes ShutdownEvent event) {
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
  }

  /** A client's right to one more open stream; given back when the stream ends. */
  public final class Slot {
    private final String clientAddress;
    private final AtomicInteger count;
    private final java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();

    private Slot(String clientAddress, AtomicInteger count) {
      this.clientAddress = clientAddress;
      this.count = count;
    }

    public void release() {
      if (released.compareAndSet(false, true) && count.decrementAndGet() <= 0) {
        perClient.remove(clientAddress, count);
      }
    }
  }

  /**
   * Takes a stream slot for a client address.
   *
   * @throws ProblemException 429 when the address already holds the configured maximum
   */
  public Slot claim(String clientAddress) {
    int limit = config.stream().maxConnectionsPerClient();
    AtomicInteger count = perClient.computeIfAbsent(clientAddress, a -> new AtomicInteger());
    Slot slot = new Slot(clientAddress, count);
    if (count.incrementAndGet() > limit && limit > 0) {
      slot.release();
      throw tooMany(limit);
    }
    return slot;
  }

  /**
   * Streams a story's changes after {@code since} (null: after the current version), then live, to
   * {@code connection}; call the returned action once the connection ends (it gives back the slot).
   * The caller has sent the response headers.
   */
  public Runnable open(
      SseConnection connection, UUID storyId, Long since, boolean keyEventsOnly, Slot slot) {
    StreamSession session =
        new StreamSession(
            storyId,
            generations,
            since,
            keyEventsOnly,
            config.stream().catchUpBatch(),
            changeLog,
            connection);
    // Opening comment with the reconnect hint: the client sees the stream is up at once.
    connection.send(
        Buffer.buffer(
            (": story "
                    + storyId
                    + "\nretry: "
                    + config.stream().reconnectDelay().toMillis()
                    + "\n\n")
                .getBytes(StandardCharsets.UTF_8)));
    StoryChannel channel = fanOut.join(storyId, session);
    open.add(session);
    AtomicBoolean ended = new AtomicBoolean();
    session.start(version -> fanOut.recentAfter(channel, version));
    return () -> {
      if (ended.compareAndSet(false, true)) {
        session.close();
        open.remove(session);
        fanOut.leave(channel, session);
        slot.release();
      }
    };
  }

  private static ProblemException tooMany(int limit) {
    return new ProblemException(
        ProblemType.TOO_MANY_STREAMS,
        "this client already holds " + limit + " open streams",
        List.of(),
        ProblemException.retryAfter(5));
  }

  private void heartbeat() {
    for (StreamSession session : open) {
      session.heartbeat(HEARTBEAT);
    }
  }

  /** Open streams on this replica. */
  public int openStreams() {
    return open.size();
  }
}
