package news.ticker.timeline.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** A minimal Server-Sent Events client that records every frame and comment it receives. */
public final class SseClient implements AutoCloseable {

  /** One frame: {@code id:}, {@code event:} and {@code data:}. */
  public record Frame(String id, String event, String data) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final HttpResponse<Stream<String>> response;
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Opens a stream; {@code lastEventId} may be null. */
  public static SseClient open(URI uri, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot open " + uri, e);
    }
  }

  /** A plain request to a stream URL, for its status and headers (closed right away). */
  public static HttpResponse<String> status(URI uri) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
      HttpResponse<Stream<String>> response =
          HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
      StringBuilder body = new StringBuilder();
      if (response.statusCode() != 200) {
        response.body().forEach(line -> body.append(line).append('\n'));
      } else {
        response.body().close();
      }
      return new StaticResponse(response, body.toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot open " + uri, e);
    }
  }

  public int statusCode() {
    return response.statusCode();
  }

  public HttpResponse<Stream<String>> response() {
    return response;
  }

  /** The id an {@code EventSource} would resume after: the last {@code id:} of a complete block. */
  public String lastEventId() {
    return lastEventId;
  }

  public List<Frame> frames() {
    return List.copyOf(frames);
  }

  public List<String> comments() {
    return List.copyOf(comments);
  }

  /** Waits until at least {@code count} frames arrived. */
  public List<Frame> awaitFrames(int count) {
    Awaitility.await()
        .atMost(20, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> frames.size() >= count);
    return frames();
  }

  private volatile String lastEventId;

  private void read() {
    String id = null;
    String event = null;
    List<String> data = new ArrayList<>();
    try {
      for (String line : (Iterable<String>) response.body()::iterator) {
        if (line.isEmpty()) {
          if (id != null) {
            lastEventId = id; // as EventSource: also for a block without data
          }
          if (!data.isEmpty() || event != null) {
            frames.add(new Frame(id, event, String.join("\n", data)));
          }
          id = null;
          event = null;
          data = new ArrayList<>();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.add(line.substring(5).stripLeading());
        }
      }
    } catch (Exception e) {
      // closed
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }

  private record StaticResponse(HttpResponse<Stream<String>> delegate, String body)
      implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return delegate.statusCode();
    }

    @Override
    public HttpRequest request() {
      return delegate.request();
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return delegate.headers();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return delegate.sslSession();
    }

    @Override
    public URI uri() {
      return delegate.uri();
    }

    @Override
    public HttpClient.Version version() {
      return delegate.version();
    }
  }
}
