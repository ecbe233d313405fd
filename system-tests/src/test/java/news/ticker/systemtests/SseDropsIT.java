package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * SSE readers whose connection drops every second while a burst of posts and edits is projected:
 * each reconnects with the last {@code Last-Event-ID} it saw, and the frames of all its connections
 * put together are the story's change log, every change exactly once and in order, frame for frame.
 */
class SseDropsIT {

  private static final int POSTS = 30;
  private static final int READERS = 3;
  private static final int MIN_CONNECTIONS = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SystemStack stack = SystemStack.get();

  /** One reader that drops its connection on every {@link #drop()} and resumes where it was. */
  private final class DroppingReader {
    private final URI stream;
    private final List<SseReader.Frame> seen = new ArrayList<>();
    private SseReader connection;
    private int connections;

    DroppingReader(UUID story) {
      // since=0: a browser reconnects to its original URL; Last-Event-ID wins over since.
      stream = stack.timeline.baseUri().resolve("/api/v1/stories/" + story + "/stream?since=0");
      connect();
    }

    private void connect() {
      String lastEventId = seen.isEmpty() ? null : seen.get(seen.size() - 1).id();
      connection = SseReader.open(stream, lastEventId);
      connections++;
    }

    synchronized void drop() {
      connection.close();
      seen.addAll(connection.frames());
      connect();
    }

    synchronized List<SseReader.Frame> stop() {
      connection.close();
      seen.addAll(connection.frames());
      return List.copyOf(seen);
    }

    synchronized long lastVersion() {
      List<SseReader.Frame> current = connection.frames();
      List<SseReader.Frame> all = new ArrayList<>(seen);
      all.addAll(current);
      return all.stream()
          .filter(f -> !f.id().equals("-1"))
          .mapToLong(SseReader.Frame::version)
          .max()
          .orElse(0);
    }

    synchronized int connections() {
      return connections;
    }
  }

  @Test
  void readersDroppedEverySecondSeeEveryChangeOnceInOrder() throws Exception {
    Steps steps = new Steps("SseDropsIT");
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live: de marathon");
    await()
        .atMost(TIMEOUT)
        .until(
            () -> Api.at(stack.timeline).get("/api/v1/stories/{story}", story).statusCode() == 200);

    List<DroppingReader> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(new DroppingReader(story));
    }
    ScheduledExecutorService dropper = Executors.newScheduledThreadPool(READERS);
    List<ScheduledFuture<?>> drops = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      DroppingReader reader = readers.get(r);
      // Staggered, so that the readers do not all reconnect at the same moment.
      drops.add(
          dropper.scheduleAtFixedRate(reader::drop, 1000 + 333L * r, 1000, TimeUnit.MILLISECONDS));
    }

    ExecutorService newsroom = Executors.newSingleThreadExecutor();
    List<List<SseReader.Frame>> seen = new ArrayList<>();
    long lastVersion;
    try {
      CompletableFuture<Long> burst =
          CompletableFuture.supplyAsync(
              () -> {
                long version = 1;
                List<UUID> posted = new ArrayList<>();
                // At least POSTS commands, and on until every reader has dropped a few times, so
                // that a fast machine gets as many drops mid-burst as a slow one.
                for (int i = 0;
                    i < POSTS
                        || (i < 20 * POSTS
                            && readers.stream().anyMatch(r -> r.connections() < MIN_CONNECTIONS));
                    i++) {
                  Api.Written written =
                      Api.postUpdate(
                          stack.ingest,
                          editor,
                          story,
                          "Kop " + i,
                          "<p>Bericht " + i + "</p>",
                          java.time.Instant.now().toString());
                  posted.add(written.id());
                  version = written.version();
                  if (i % 5 == 4) {
                    var edit =
                        Api.edit(
                            stack.ingest,
                            editor,
                            story,
                            posted.get(i - 2),
                            "<p>Bijgewerkt " + i + "</p>",
                            null);
                    assertThat(edit.statusCode()).as(edit.asString()).isEqualTo(200);
                    version = edit.jsonPath().getLong("version");
                  }
                }
                return version;
              },
              newsroom);
      lastVersion = burst.get(3, TimeUnit.MINUTES);
      steps.log("burst done: version %d", lastVersion);
      await()
          .atMost(TIMEOUT)
          .until(() -> readers.stream().allMatch(r -> r.lastVersion() >= lastVersion));
    } finally {
      drops.forEach(d -> d.cancel(false));
      dropper.shutdown();
      dropper.awaitTermination(30, TimeUnit.SECONDS);
      newsroom.shutdownNow();
      for (DroppingReader reader : readers) {
        seen.add(reader.stop());
      }
    }

    steps.log(
        "readers caught up after %s connections",
        readers.stream().map(DroppingReader::connections).toList());
    List<JsonNode> changeLog = new ArrayList<>();
    for (Map<String, Object> change : Api.changes(stack.timeline, story, 0)) {
      changeLog.add(MAPPER.valueToTree(change));
    }
    assertThat(changeLog)
        .extracting(c -> c.get("version").asLong())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
    for (int r = 0; r < READERS; r++) {
      DroppingReader reader = readers.get(r);
      List<SseReader.Frame> frames = seen.get(r);
      assertThat(frames).noneMatch(f -> f.event() != null && f.event().equals("reader-error"));
      assertThat(reader.connections())
          .as("connections of one reader during the burst")
          .isGreaterThanOrEqualTo(MIN_CONNECTIONS);
      assertThat(frames)
          .extracting(SseReader.Frame::version)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
      List<JsonNode> data = new ArrayList<>();
      for (SseReader.Frame frame : frames) {
        data.add(parse(frame.data()));
        assertThat(frame.event()).isEqualTo(data.get(data.size() - 1).get("type").asText());
      }
      assertThat(data).containsExactlyElementsOf(changeLog);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}
