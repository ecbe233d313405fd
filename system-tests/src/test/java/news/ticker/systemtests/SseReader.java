package news.ticker.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal Server-Sent Events reader: collects frames on a background thread until closed. */
final class SseReader implements AutoCloseable {

  /** One SSE frame. */
  record Frame(String event, String id, String data) {
    long version() {
      return Long.parseLong(id);
    }
  }

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile InputStream body;
  private volatile boolean closed;

  private SseReader(URI uri, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    thread =
        new Thread(
            () -> {
              try {
                HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                if (response.statusCode() != 200) {
                  frames.add(
                      new Frame(
                          "reader-error",
                          "-1",
                          "HTTP "
                              + response.statusCode()
                              + ": "
                              + new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                  return;
                }
                read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
              } catch (IOException | InterruptedException e) {
                if (!closed) {
                  frames.add(new Frame("reader-error", "-1", String.valueOf(e)));
                }
              }
            },
            "sse-reader");
    thread.setDaemon(true);
    thread.start();
  }

  static SseReader open(URI uri, String lastEventId) {
    return new SseReader(uri, lastEventId);
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  List<Long> versions() {
    return frames.stream().filter(f -> !f.id().equals("-1")).map(Frame::version).toList();
  }

  private void read(BufferedReader reader) throws IOException {
    String event = null;
    String id = null;
    StringBuilder data = new StringBuilder();
    String line;
    while (!closed && (line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (id != null) {
          frames.add(new Frame(event, id, data.toString()));
        }
        event = null;
        id = null;
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(line.substring(5).stripLeading());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (body != null) {
        body.close();
      }
    } catch (IOException ignored) {
      // the stream is being abandoned
    }
    thread.interrupt();
    try {
      // Once it returns, frames() is final: no frame read before the close is still on its way.
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
