package news.ticker.timeline.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import news.ticker.events.EventEnvelope;
import news.ticker.timeline.Json;
import news.ticker.timeline.api.StreamRoute;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.SseClient;
import news.ticker.timeline.support.StoryScript;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: frames, resume without gap or duplicate, filters, heartbeats, limits. */
@QuarkusTest
class StreamTest {

  @TestHTTPResource("/api/v1/stories/")
  URL stories;

  @jakarta.inject.Inject StreamService streams;
  @jakarta.inject.Inject StreamRoute route;

  private final Newsroom newsroom = Newsroom.get();

  private URI stream(UUID storyId, String query) {
    return URI.create(
        stories + storyId.toString() + "/stream" + (query == null ? "" : "?" + query));
  }

  @Test
  void everyChangeIsAFrameWithEventNameVersionIdAndTheChangeAsData() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(newsroom, story.open("Live"));
    Api.awaitVersion(story.storyId, 1);

    try (SseClient client = SseClient.open(stream(story.storyId, null), null)) {
      assertThat(client.statusCode()).isEqualTo(200);
      assertThat(client.response().headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.comments().isEmpty());
      story.publish(
          newsroom,
          story.post(update, "Net binnen", "<p>Nieuws</p>"),
          story.edit(update, "Net binnen!", "<p>Nieuws!</p>"),
          story.markKeyEvent(update));

      List<SseClient.Frame> frames = client.awaitFrames(3);
      assertThat(frames)
          .extracting(SseClient.Frame::event)
          .containsExactly("update-posted", "update-edited", "key-event-marked");
      assertThat(frames).extracting(SseClient.Frame::id).containsExactly("2", "3", "4");
      var posted = Json.tree(frames.get(0).data());
      assertThat(posted.path("version").asLong()).isEqualTo(2);
      assertThat(posted.path("type").asText()).isEqualTo("update-posted");
      assertThat(posted.path("updateId").asText()).isEqualTo(update.toString());
      assertThat(posted.path("data").path("headline").asText()).isEqualTo("Net binnen");

      // The frame data is exactly the /changes item.
      List<Map<String, Object>> changes = Api.changes(story.storyId, 1);
      for (int i = 0; i < 3; i++) {
        assertThat(Json.tree(frames.get(i).data()))
            .isEqualTo(Json.MAPPER.valueToTree(changes.get(i)));
      }
    }
  }

  @Test
  void resumingWithLastEventIdOrSinceLosesAndRepeatsNothing() {
    StoryScript story = new StoryScript();
    List<EventEnvelope> first = new ArrayList<>(List.of(story.open("Resume")));
    for (int i = 0; i < 4; i++) {
      first.add(story.post(story.newUpdate(), "U" + i, "<p>" + i + "</p>"));
    }
    story.publish(newsroom, first.toArray(EventEnvelope[]::new));
    Api.awaitVersion(story.storyId, 5);

    List<Long> received = new ArrayList<>();
    try (SseClient client = SseClient.open(stream(story.storyId, "since=0"), null)) {
      client.awaitFrames(5);
      client.frames().forEach(f -> received.add(Long.parseLong(f.id())));
    }
    // Events published while the client is away, and while it reconnects.
    story.publish(newsroom, story.post(story.newUpdate(), "Weg1", "<p>x</p>"));
    try (SseClient client =
        SseClient.open(stream(story.storyId, "since=0"), Long.toString(received.get(4)))) {
      for (int i = 0; i < 5; i++) {
        story.publish(newsroom, story.post(story.newUpdate(), "Live" + i, "<p>y</p>"));
      }
      client.awaitFrames(6);
      client.frames().forEach(f -> received.add(Long.parseLong(f.id())));
    }
    // And with ?since= instead of the header, from the middle.
    List<Long> fromMiddle = new ArrayList<>();
    try (SseClient client = SseClient.open(stream(story.storyId, "since=7"), null)) {
      story.publish(newsroom, story.close());
      client.awaitFrames(5);
      client.frames().forEach(f -> fromMiddle.add(Long.parseLong(f.id())));
    }

    assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, 11).boxed().toList());
    assertThat(fromMiddle).containsExactly(8L, 9L, 10L, 11L, 12L);
  }

  @Test
  void aStreamWithoutAResumePointFirstGivesTheClientItsPositionSoAReconnectLosesNothing() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Positie"));
    Api.awaitVersion(story.storyId, 1);
    String position;
    try (SseClient client = SseClient.open(stream(story.storyId, null), null)) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.lastEventId() != null);
      position = client.lastEventId();
      assertThat(client.frames()).isEmpty();
    }
    assertThat(position).isEqualTo("1");
    // Posted while the client is away, before it ever had a frame: it resumes with the id it got.
    story.publish(newsroom, story.post(story.newUpdate(), "Intussen", "<p>x</p>"));
    try (SseClient client = SseClient.open(stream(story.storyId, null), position)) {
      assertThat(client.awaitFrames(1)).extracting(SseClient.Frame::id).containsExactly("2");
    }
  }

  @Test
  void concurrentPublishingDuringConnectsStillGivesEveryVersionOnce() throws Exception {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Race"));
    Api.awaitVersion(story.storyId, 1);
    Thread publisher =
        new Thread(
            () -> {
              for (int i = 0; i < 30; i++) {
                story.publish(newsroom, story.post(story.newUpdate(), "R" + i, "<p>r</p>"));
              }
            });
    List<SseClient> clients = new ArrayList<>();
    publisher.start();
    for (int i = 0; i < 4; i++) {
      clients.add(SseClient.open(stream(story.storyId, "since=0"), null));
    }
    publisher.join();
    try {
      for (SseClient client : clients) {
        assertThat(client.statusCode()).isEqualTo(200);
        client.awaitFrames(31);
      }
      // Nothing more may come: the frame count must hold at 31 for a while.
      Awaitility.await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(5))
          .until(() -> clients.stream().allMatch(c -> c.frames().size() == 31));
      for (SseClient client : clients) {
        assertThat(client.frames())
            .extracting(f -> Long.parseLong(f.id()))
            .containsExactlyElementsOf(LongStream.rangeClosed(1, 31).boxed().toList());
      }
    } finally {
      clients.forEach(SseClient::close);
    }
  }

  @Test
  void aReaderThatStopsReadingHoldsBoundedUnsentBytesAndLaterGetsEveryFrameOnce() throws Exception {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Slow reader"));
    Api.awaitVersion(story.storyId, 1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
    int posts = 400;
    String body = "<p>" + "x".repeat(16_000) + "</p>"; // 6.4 MB in all: more than the kernel holds
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress(stories.getHost(), stories.getPort()));
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + stream(story.storyId, "since=1").getRawPath()
                      + "?since=1 HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 1);
      // The reader reads nothing while the story moves on.
      for (int i = 0; i < posts; i += 50) {
        EventEnvelope[] batch = new EventEnvelope[50];
        for (int j = 0; j < 50; j++) {
          batch[j] = story.post(story.newUpdate(), "S" + (i + j), body);
        }
        story.publish(newsroom, batch);
      }
      Api.awaitVersion(story.storyId, 1 + posts);
      // Its socket is full, so frames wait in the connection's queue (references to shared
      // frames), and the socket holds no more than its limit plus one write.
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> route.queuedFrames() > 0);
      long bound = 64 * 1024 + 16 * 1024 + 20_000;
      Awaitility.await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> route.unsentBytes() <= bound && route.queuedFrames() > 0);

      // It reads again, and gets every version once, in order.
      InputStream in = socket.getInputStream();
      Pattern id = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);
      StringBuilder text = new StringBuilder();
      List<Long> ids = new ArrayList<>();
      byte[] buffer = new byte[65536];
      int from = 0;
      while (ids.isEmpty() || ids.get(ids.size() - 1) < 1 + posts) {
        int n = in.read(buffer);
        assertThat(n).as("the stream ended early").isPositive();
        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        int complete = text.lastIndexOf("\n\n");
        if (complete < from) {
          continue;
        }
        Matcher matcher = id.matcher(text.substring(from, complete));
        while (matcher.find()) {
          ids.add(Long.parseLong(matcher.group(1)));
        }
        text.delete(0, complete);
        from = 0;
      }
      assertThat(ids)
          .containsExactlyElementsOf(LongStream.rangeClosed(2, 1 + posts).boxed().toList());
    }
  }

  @Test
  void keyEventsFilterSendsOnlyKeyEventChanges() {
    StoryScript story = new StoryScript();
    UUID plain = story.newUpdate();
    UUID key = story.newUpdate();
    story.publish(newsroom, story.open("Filter"));
    Api.awaitVersion(story.storyId, 1);
    try (SseClient client =
        SseClient.open(stream(story.storyId, "since=0&only=key-events"), null)) {
      story.publish(
          newsroom,
          story.post(plain, "Gewoon", "<p>a</p>"),
          story.post(key, "Belangrijk", "<p>b</p>", true, false, story.now()),
          story.edit(plain, "Gewoon 2", "<p>a2</p>"),
          story.edit(key, "Belangrijk 2", "<p>b2</p>"),
          story.markKeyEvent(plain),
          story.change("Filter 2", "x"));
      List<SseClient.Frame> frames = client.awaitFrames(3);
      Api.awaitVersion(story.storyId, 7);
      assertThat(frames).extracting(SseClient.Frame::id).containsExactly("3", "5", "6");
      assertThat(frames)
          .extracting(SseClient.Frame::event)
          .containsExactly("update-posted", "update-edited", "key-event-marked");
    }
  }

  @Test
  void idleStreamsGetCommentHeartbeats() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Heartbeat"));
    Api.awaitVersion(story.storyId, 1);
    try (SseClient client = SseClient.open(stream(story.storyId, null), null)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> client.comments().contains("heartbeat"));
      assertThat(client.frames()).isEmpty();
    }
  }

  @Test
  void aClientAddressMayHoldOnlySoManyStreams() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Limit"));
    Api.awaitVersion(story.storyId, 1);
    // Streams of earlier tests are gone once the server noticed their clients left.
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        SseClient client = SseClient.open(stream(story.storyId, null), null);
        assertThat(client.statusCode()).isEqualTo(200);
        open.add(client);
      }
      var refused = SseClient.status(stream(story.storyId, null));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    } finally {
      open.forEach(SseClient::close);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> SseClient.status(stream(story.storyId, null)).statusCode() == 200);
  }

  @Test
  void unknownStoryAndBadResumePointAreProblems() {
    var unknown = SseClient.status(stream(UUID.randomUUID(), null));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("not-found");
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Bad"));
    Api.awaitVersion(story.storyId, 1);
    given()
        .header("Last-Event-ID", "abc")
        .get("/api/v1/stories/{id}/stream", story.storyId)
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItem("Last-Event-ID"));
  }

  @Test
  void theStreamIsInTheOpenApiDocumentWithItsProblems() {
    String document =
        io.restassured.RestAssured.given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(document);
    String get = "paths.'/api/v1/stories/{storyId}/stream'.get";
    assertThat(json.getMap(get + ".responses")).containsKeys("200", "400", "404", "429");
    assertThat(json.getMap(get + ".responses.'200'.content")).containsKey("text/event-stream");
    // The REST resources are still there: the static part is merged, not a replacement.
    assertThat(json.getMap("paths")).containsKey("/api/v1/stories/{storyId}/updates");
  }
}
