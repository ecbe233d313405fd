package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import news.ticker.devstack.process.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest and two timeline replicas (the stack's own plus one more of each). Ingest: concurrent
 * writes through both replicas, each replica with its relay, get gap-free versions and reach Kafka
 * exactly once and in order. Timeline: the replicas share the projection's partitions; a reader's
 * SSE stream resumes across reconnects and replicas with no gap and no duplicate; and both replicas
 * serve one identical history of a story that several clients edit concurrently through both ingest
 * replicas.
 */
class ReplicasIT {

  private static final int POSTS_PER_REPLICA = 40;

  /**
   * Generous: starting the second timeline replica rebalances the projection's consumer group,
   * which on a loaded 2-core machine can pause projection for tens of seconds. These tests are
   * about order and completeness, not latency.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final SystemStack stack = SystemStack.get();
  private static final ServiceProcess secondIngest =
      stack.startService("ingest-2", "ingest-service", "ingest");
  private static final ServiceProcess secondTimeline =
      stack.startService("timeline-2", "timeline-service", "timeline");

  @AfterAll
  static void stopSecondReplicas() {
    try {
      secondTimeline.close();
    } finally {
      secondIngest.close();
    }
  }

  @Test
  void concurrentPostsThroughTwoIngestReplicasArePublishedOnceInOrder() throws Exception {
    String reporter = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, reporter, "Twee replica's, één volgorde");

    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (ServiceProcess replica : List.of(stack.ingest, secondIngest)) {
      for (int i = 0; i < POSTS_PER_REPLICA; i++) {
        String body = "<p>" + replica.name() + " " + i + "</p>";
        done.add(
            clients.submit(
                () -> statuses.add(Api.post(replica, reporter, story, body).statusCode())));
      }
    }
    for (Future<?> f : done) {
      f.get();
    }
    clients.shutdown();
    assertThat(statuses).hasSize(2 * POSTS_PER_REPLICA).containsOnly(201);

    long lastVersion = 2L * POSTS_PER_REPLICA + 1;
    List<StoryTopic.Published> published =
        StoryTopic.atLeast(stack.kafkaBootstrap(), story, (int) lastVersion, TIMEOUT);
    assertThat(published)
        .extracting(StoryTopic.Published::version)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
    assertThat(published).extracting(StoryTopic.Published::eventId).doesNotHaveDuplicates();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
                    .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, lastVersion).boxed().toList()));
  }

  @Test
  void sseResumesAcrossReconnectsAndReplicasWithoutGapOrDuplicate() {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live: de formatie");
    List<Long> seen = new ArrayList<>();
    // A reader's page exists before its stream: the stream of a story not yet projected is a 404.
    await()
        .atMost(TIMEOUT)
        .until(
            () -> Api.at(stack.timeline).get("/api/v1/stories/{story}", story).statusCode() == 200);

    // since=0: the story was opened before this reader connected; a plain connect starts at the
    // current version.
    try (SseReader first =
        SseReader.open(URI.create(streamOf(stack.timeline, story) + "?since=0"), null)) {
      postMany(editor, story, 5);
      await().atMost(TIMEOUT).until(() -> first.versions().size() >= 6);
      seen.addAll(first.versions());
    }

    postMany(editor, story, 5); // posted while this reader is disconnected
    String lastEventId = Long.toString(seen.get(seen.size() - 1));
    try (SseReader second = SseReader.open(streamOf(secondTimeline, story), lastEventId)) {
      postMany(editor, story, 5);
      await().atMost(TIMEOUT).until(() -> second.versions().size() >= 10);
      seen.addAll(second.versions());
    }

    try (SseReader third =
        SseReader.open(
            URI.create(streamOf(stack.timeline, story) + "?since=" + seen.get(seen.size() - 1)),
            null)) {
      postMany(editor, story, 3);
      await().atMost(TIMEOUT).until(() -> third.versions().size() >= 3);
      seen.addAll(third.versions());
    }

    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 19).boxed().toList());
  }

  /** One acknowledged command of the concurrent-edits test. */
  private record Ack(UUID update, String body, long version) {}

  @Test
  void concurrentEditsThroughBothIngestReplicasGiveOneHistoryOnBothTimelineReplicas()
      throws Exception {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live: de slotdag van de Tour");
    List<UUID> updates = new ArrayList<>();
    List<Ack> acks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String body = "<p>Etappe " + i + "</p>";
      Api.Written posted =
          Api.postUpdate(
              stack.ingest, editor, story, "Etappe " + i, body, Instant.now().toString());
      updates.add(posted.id());
      acks.add(new Ack(posted.id(), body, posted.version()));
    }
    List<ServiceProcess> timelines = List.of(stack.timeline, secondTimeline);
    for (ServiceProcess timeline : timelines) {
      await()
          .atMost(TIMEOUT)
          .until(() -> Api.at(timeline).get("/api/v1/stories/{story}", story).statusCode() == 200);
    }
    List<SseReader> streams = new ArrayList<>();
    for (ServiceProcess timeline : timelines) {
      streams.add(SseReader.open(URI.create(streamOf(timeline, story) + "?since=0"), null));
    }
    try {
      // Six clients, alternating between the ingest replicas, edit the same four updates (and
      // post new ones) at the same time.
      int clients = 6;
      int commandsPerClient = 15;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<List<Ack>>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        results.add(
            pool.submit(
                () -> {
                  List<Ack> mine = new ArrayList<>();
                  for (int i = 0; i < commandsPerClient; i++) {
                    ServiceProcess ingest = (client + i) % 2 == 0 ? stack.ingest : secondIngest;
                    String body = "<p>Client " + client + ", wijziging " + i + "</p>";
                    if (i % 5 == 4) {
                      Api.Written posted =
                          Api.postUpdate(
                              ingest, editor, story, "Nieuw", body, Instant.now().toString());
                      mine.add(new Ack(posted.id(), body, posted.version()));
                    } else {
                      UUID update = updates.get((client + i) % updates.size());
                      Response edited = Api.edit(ingest, editor, story, update, body, null);
                      assertThat(edited.statusCode()).as(edited.asString()).isEqualTo(200);
                      mine.add(new Ack(update, body, edited.jsonPath().getLong("version")));
                    }
                  }
                  return mine;
                }));
      }
      for (Future<List<Ack>> result : results) {
        acks.addAll(result.get());
      }
      pool.shutdown();

      // One order: every acknowledged command has its own version, and together they leave no
      // gap after the story's opening.
      long lastVersion = 1L + acks.size();
      assertThat(acks)
          .extracting(Ack::version)
          .containsExactlyInAnyOrderElementsOf(
              LongStream.rangeClosed(2, lastVersion).boxed().toList());

      List<UUID> allUpdates = acks.stream().map(Ack::update).distinct().toList();
      List<JsonNode> views = new ArrayList<>();
      for (ServiceProcess timeline : timelines) {
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () ->
                    assertThat(Api.versions(Api.changes(timeline, story, 0)))
                        .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, lastVersion).boxed().toList()));
        views.add(Views.raw(timeline, story, allUpdates));
      }
      assertThat(views.get(1)).isEqualTo(views.get(0));

      // The last acknowledged edit of each update is what readers see.
      Map<UUID, Ack> last = new HashMap<>();
      for (Ack ack : acks) {
        last.merge(ack.update(), ack, (a, b) -> a.version() > b.version() ? a : b);
      }
      JsonNode view = views.get(0);
      for (UUID update : allUpdates) {
        assertThat(view.get("updates").get(update.toString()).get("body").asText())
            .isEqualTo(last.get(update).body());
      }

      // Both SSE streams deliver that one history: the change log, frame for frame.
      List<JsonNode> changeLog = new ArrayList<>();
      view.get("changes").forEach(changeLog::add);
      for (SseReader stream : streams) {
        await().atMost(TIMEOUT).until(() -> stream.versions().size() >= lastVersion);
      }
      for (SseReader stream : streams) {
        List<JsonNode> frames = new ArrayList<>();
        for (SseReader.Frame frame : stream.frames()) {
          frames.add(parse(frame.data()));
        }
        assertThat(frames).containsExactlyElementsOf(changeLog);
      }
    } finally {
      streams.forEach(SseReader::close);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  private static URI streamOf(ServiceProcess timeline, UUID story) {
    return timeline.baseUri().resolve("/api/v1/stories/" + story + "/stream");
  }

  private static void postMany(String token, UUID story, int count) {
    for (int i = 0; i < count; i++) {
      Api.postUpdate(stack.ingest, token, story, "<p>Nieuws " + i + "</p>");
    }
  }
}
