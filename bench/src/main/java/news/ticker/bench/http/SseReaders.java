package news.ticker.bench.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * N Server-Sent Events readers of one URI, each its own connection on the shared event loops,
 * opened with bounded concurrency. They behave like a browser's {@code EventSource}: when the
 * server closes a stream they reconnect after the {@code retry} delay with {@code Last-Event-ID}.
 *
 * <p>The timeline limits SSE connections per client address (a reader population comes from many
 * addresses), so readers are spread over loopback source addresses ({@code 127.10.x.y}, all of
 * 127.0.0.0/8 is loopback on Linux), {@code perAddress} readers each.
 */
public final class SseReaders {

  /** Where frames go; called on the reader's event loop. */
  public interface FrameSink {
    void onFrame(int reader, String event, String id, int dataBytes, String data, long nanos);
  }

  private static final int MAX_RECONNECTS = 20;

  private final Http http;
  private final String host;
  private final int port;
  private final String uri;
  private final int readers;
  private final int perAddress;
  private final FrameSink sink;
  private final boolean keepData;
  private final List<HttpClient> clients = new ArrayList<>();
  private final String[] lastEventId;
  private final AtomicIntegerArray state; // 0 never connected, 1 open, 2 lost, 3 reconnecting
  private final int[] reconnects;
  private final io.vertx.core.http.HttpConnection[] connections;
  private final java.util.concurrent.atomic.AtomicIntegerArray voluntary;
  private final int firstAddress;
  private final LongAdder resumed = new LongAdder();
  private final LongAdder failedReconnects = new LongAdder();
  private final java.util.concurrent.ConcurrentLinkedQueue<long[]> resumes =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final LongAdder disconnects = new LongAdder();
  private final LongAdder reconnected = new LongAdder();
  private final LongAdder heartbeats = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private volatile boolean closing;
  private volatile long retryMillis = 2_000;

  public SseReaders(
      Http http,
      String host,
      int port,
      String uri,
      int readers,
      int perAddress,
      boolean keepData,
      FrameSink sink) {
    this(http, host, port, uri, readers, perAddress, keepData, sink, 0);
  }

  /**
   * @param firstAddress the index of the first loopback source address to use: reader groups of
   *     several instances (one per story) must not share addresses, or they would together exceed
   *     the timeline's per-address connection limit
   */
  public SseReaders(
      Http http,
      String host,
      int port,
      String uri,
      int readers,
      int perAddress,
      boolean keepData,
      FrameSink sink,
      int firstAddress) {
    this.firstAddress = firstAddress;
    this.connections = new io.vertx.core.http.HttpConnection[readers];
    this.voluntary = new java.util.concurrent.atomic.AtomicIntegerArray(readers);
    this.http = http;
    this.host = host;
    this.port = port;
    this.uri = uri;
    this.readers = readers;
    this.perAddress = Math.max(1, perAddress);
    this.keepData = keepData;
    this.sink = sink;
    this.lastEventId = new String[readers];
    this.state = new AtomicIntegerArray(readers);
    this.reconnects = new int[readers];
  }

  /** The loopback source address of the {@code n}-th group of readers. */
  static String sourceAddress(int n) {
    return "127.10." + (n / 250) + "." + (n % 250 + 1);
  }

  public int addresses() {
    return (readers + perAddress - 1) / perAddress;
  }

  /**
   * Opens every reader, at most {@code concurrency} connects at a time; completes when each one
   * answered (200 or not) or failed.
   */
  public Future<Void> connectAll(int concurrency) {
    for (int a = 0; a < addresses(); a++) {
      clients.add(
          http.vertx()
              .createHttpClient(
                  new HttpClientOptions()
                      .setDefaultHost(host)
                      .setDefaultPort(port)
                      .setLocalAddress(sourceAddress(firstAddress + a))
                      .setKeepAlive(true)
                      .setTcpNoDelay(true)
                      .setConnectTimeout(15_000),
                  new PoolOptions().setHttp1MaxSize(perAddress + 2).setMaxWaitQueueSize(-1)));
    }
    Promise<Void> done = Promise.promise();
    if (readers == 0) {
      done.complete();
      return done.future();
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    int starters = Math.min(concurrency, readers);
    Runnable[] startNext = new Runnable[1];
    startNext[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= readers) {
            return;
          }
          connect(i, null)
              .onComplete(
                  ar -> {
                    if (finished.incrementAndGet() == readers) {
                      done.tryComplete();
                    } else {
                      startNext[0].run();
                    }
                  });
        };
    for (int s = 0; s < starters; s++) {
      http.vertx().runOnContext(v -> startNext[0].run());
    }
    return done.future();
  }

  private Future<Void> connect(int index, String resumeFrom) {
    SseParser parser =
        new SseParser(
            new SseParser.Listener() {
              @Override
              public void onFrame(String event, String id, int dataBytes, String data) {
                frames.increment();
                if (id != null) {
                  lastEventId[index] = id;
                }
                sink.onFrame(index, event, id, dataBytes, data, System.nanoTime());
              }

              @Override
              public void onComment() {
                heartbeats.increment();
              }

              @Override
              public void onPosition(String id) {
                lastEventId[index] = id; // a browser resumes from it, so do the readers
              }
            },
            keepData);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI(uri)
            .putHeader("Accept", "text/event-stream")
            .setConnectTimeout(15_000);
    if (resumeFrom != null) {
      options.putHeader("Last-Event-ID", resumeFrom);
    }
    return clients
        .get(index / perAddress)
        .request(options)
        .compose(req -> req.send())
        .compose(
            (HttpClientResponse resp) -> {
              if (resp.statusCode() != 200) {
                fail("HTTP " + resp.statusCode());
                resp.request().connection().close();
                retryLater(index);
                return Future.<Void>succeededFuture();
              }
              if (resumeFrom == null) {
                connected.incrementAndGet();
              } else {
                reconnected.increment();
              }
              connections[index] = resp.request().connection();
              state.set(index, 1);
              open.incrementAndGet();
              resp.handler(
                  buf -> {
                    byte[] raw = buf.getBytes();
                    bytes.add(raw.length);
                    parser.feed(raw);
                  });
              resp.exceptionHandler(t -> lost(index));
              resp.endHandler(v -> lost(index));
              return Future.<Void>succeededFuture();
            })
        .recover(
            t -> {
              fail(t.getClass().getSimpleName() + ": " + t.getMessage());
              retryLater(index);
              return Future.succeededFuture();
            });
  }

  /**
   * A reconnection that failed (refused, timed out, not 200) is tried again after the retry delay,
   * as a browser does, at most {@link #MAX_RECONNECTS} times per reader: a reader left without a
   * connection would count every later frame as lost. A first connection that fails is left to
   * {@link #connectAll}, which reports how many connected.
   */
  private void retryLater(int index) {
    if (state.get(index) != 3 || closing) {
      return;
    }
    failedReconnects.increment();
    if (reconnects[index]++ < MAX_RECONNECTS) {
      http.vertx()
          .setTimer(
              retryMillis,
              t -> {
                if (!closing && state.get(index) == 3) {
                  connect(index, lastEventId[index]);
                }
              });
    }
  }

  /**
   * The resumes of one reader: when ({@link System#nanoTime()}) and after which event id (-1:
   * none).
   */
  public List<long[]> resumesOf(int index) {
    List<long[]> out = new ArrayList<>();
    for (long[] r : resumes) {
      if (r[0] == index) {
        out.add(new long[] {r[1], r[2]});
      }
    }
    return out;
  }

  private static long parseId(String id) {
    try {
      return id == null ? -1 : Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Reconnections (resumes or after a disconnect) that failed and were tried again. */
  public long failedReconnects() {
    return failedReconnects.sum();
  }

  /**
   * Drops reader {@code index}'s connection and opens a new one at once with {@code Last-Event-ID},
   * as a page does after a network change or a reload; counted apart from disconnects the server
   * caused. False when the reader is not connected now.
   */
  public boolean reconnectNow(int index) {
    io.vertx.core.http.HttpConnection c = connections[index];
    if (c == null || state.get(index) != 1 || !voluntary.compareAndSet(index, 0, 1)) {
      return false;
    }
    c.close();
    return true;
  }

  /** Reconnections asked for with {@link #reconnectNow} that were resumed. */
  public long resumed() {
    return resumed.sum();
  }

  private void lost(int index) {
    if (!state.compareAndSet(index, 1, 2)) {
      return; // already counted (end after exception)
    }
    open.decrementAndGet();
    if (closing) {
      return;
    }
    if (voluntary.compareAndSet(index, 1, 0)) {
      state.set(index, 3);
      resumed.increment();
      resumes.add(new long[] {index, System.nanoTime(), parseId(lastEventId[index])});
      connect(index, lastEventId[index]);
      return;
    }
    disconnects.increment();
    if (reconnects[index]++ < MAX_RECONNECTS) {
      state.set(index, 3);
      http.vertx()
          .setTimer(
              retryMillis,
              t -> {
                if (!closing) {
                  connect(index, lastEventId[index]);
                }
              });
    }
  }

  private void fail(String reason) {
    String key = reason.length() > 120 ? reason.substring(0, 120) : reason;
    failures.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** Whether reader {@code index} has ever been connected. */
  public boolean everConnected(int index) {
    return state.get(index) != 0;
  }

  public int connected() {
    return connected.get();
  }

  public int open() {
    return open.get();
  }

  public long disconnects() {
    return disconnects.sum();
  }

  public long reconnects() {
    return reconnected.sum();
  }

  public long heartbeats() {
    return heartbeats.sum();
  }

  public long bytes() {
    return bytes.sum();
  }

  public long frames() {
    return frames.sum();
  }

  public Map<String, Long> failures() {
    Map<String, Long> out = new TreeMap<>();
    failures.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public Future<Void> close() {
    closing = true;
    List<Future<Void>> closes = new ArrayList<>();
    for (HttpClient c : clients) {
      closes.add(c.close());
    }
    return Future.join(closes).mapEmpty();
  }
}
