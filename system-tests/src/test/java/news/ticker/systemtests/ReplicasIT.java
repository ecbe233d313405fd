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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import news.ticker.devstack.process.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest and two timeline replicas (the stack's own plus one more of each). Ingest: concurrent
 * writes through both replicas, each replica with its relay, get gap-free versions and reach Kafka
 * exactly once and in order. Timeline: the replicas share the projection's partitions; a reader's
 * SSE stream resumes across reconnects and replicas with no gap and no duplicate; and both replicas
 * serve one identical history of a story that several clients edit concurrently through both ingest
 * replicas. A pin, a redaction or an article revision ends both replicas' old ETags and cached
 * pages of a story at once, whichever replica projected it.
 */
class ReplicasIT {

  private static final int POSTS_PER_REPLICA = 40;

  /**
   * Generous: starting the second timeline replica rebalances the projection's consumer group,
   * which on a loaded 2-core machine can pause projection for tens of seconds. These tests are
   * about order and completeness, not latency.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * How long a replica may go on answering from what it held (validators, rendered pages) after a
   * change is committed: it is told at once, so this is slack for a loaded machine.
   */
  private static final Duration FRESH = Duration.ofSeconds(20);

  private static final String REDACTION_NOTE = "Verwijderd op last van de rechter";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final SystemStack stack = SystemStack.get();
  private static ServiceProcess secondIngest;
  private static ServiceProcess secondTimeline;

  /**
   * Starts the second replicas side by side: each mostly waits for its own readiness, and one after
   * the other they added some fifteen seconds to every verify. (In a {@code @BeforeAll}, not a
   * static initialiser: threads that run this class's lambdas would wait for its initialisation.)
   */
  @BeforeAll
  static void startSecondReplicas() {
    CompletableFuture<ServiceProcess> ingest =
        CompletableFuture.supplyAsync(
            () -> stack.startService("ingest-2", "ingest-service", "ingest"));
    CompletableFuture<ServiceProcess> timeline =
        CompletableFuture.supplyAsync(
            () -> stack.startService("timeline-2", "timeline-service", "timeline"));
    try {
      secondIngest = ingest.join();
      secondTimeline = timeline.join();
    } catch (CompletionException e) {
      // The one that started must not outlive the class.
      ingest.thenAccept(ServiceProcess::close);
      timeline.thenAccept(ServiceProcess::close);
      throw e;
    }
  }

  @AfterAll
  static void stopSecondReplicas() {
    try {
      if (secondTimeline != null) {
        secondTimeline.close();
      }
    } finally {
      if (secondIngest != null) {
        secondIngest.close();
      }
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
        StoryTopic.atLeast(stack.kafkaClient(), story, (int) lastVersion, TIMEOUT);
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

  /**
   * Each timeline replica keeps its stories' newest SSE frames for readers who catch up, and a
   * redaction blanks a stored change in place, through whichever replica projects it. Every replica
   * must drop the frame it kept: a reader resuming from before the update, on either replica, is
   * never sent its text again.
   */
  @Test
  void aRedactionReachesTheFramesThatEveryReplicaKeepsForReadersWhoCatchUp() {
    String editor = stack.bearer("editor");
    String admin = stack.bearer("admin");
    String marker = "GEHEIM-" + UUID.randomUUID();
    UUID story = Api.openStory(stack.ingest, editor, "Live: de verkiezingsuitslag");
    awaitProjected(story, 1);
    List<ServiceProcess> timelines = List.of(stack.timeline, secondTimeline);
    List<SseReader> live = new ArrayList<>();
    try {
      // A live reader on each replica: each one's channel delivers, and keeps, the new frames.
      for (ServiceProcess timeline : timelines) {
        live.add(SseReader.open(streamOf(timeline, story), "1"));
      }
      String now = Instant.now().toString();
      UUID secret =
          Api.postUpdate(stack.ingest, editor, story, marker, "<p>" + marker + "</p>", now).id();
      long last =
          Api.postUpdate(secondIngest, editor, story, "Uitslag", "<p>Opkomst hoog.</p>", now)
              .version();
      for (SseReader reader : live) {
        await().atMost(TIMEOUT).until(() -> reader.versions().contains(last));
      }
      for (ServiceProcess timeline : timelines) {
        assertThat(resumedAfterTheOpening(timeline, story, last)).contains(marker);
      }

      long redacted = Api.redact(secondIngest, admin, story, secret, REDACTION_NOTE);
      awaitProjected(story, redacted);
      for (ServiceProcess timeline : timelines) {
        await()
            .atMost(FRESH)
            .untilAsserted(
                () ->
                    assertThat(resumedAfterTheOpening(timeline, story, redacted))
                        .doesNotContain(marker)
                        .contains(REDACTION_NOTE));
      }
    } finally {
      live.forEach(SseReader::close);
    }
  }

  /** The data of every frame a reader resuming after version 1 is sent, up to {@code version}. */
  private static String resumedAfterTheOpening(ServiceProcess timeline, UUID story, long version) {
    try (SseReader reader = SseReader.open(streamOf(timeline, story), "1")) {
      await().atMost(TIMEOUT).until(() -> reader.versions().contains(version));
      StringBuilder data = new StringBuilder();
      reader.frames().forEach(frame -> data.append(frame.data()));
      return data.toString();
    }
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

  /** What a fresh read of one path must show: checked on a 200 with its body. */
  @FunctionalInterface
  private interface Shows {
    void check(Response response);
  }

  /**
   * Both timeline replicas answer revalidations ({@code If-None-Match}) of a story's header and
   * first feed page, and its unconditional reads, possibly from memory. A change written through
   * either ingest replica and projected by either timeline replica ends both replicas' old answers
   * at once: a pin, a redaction of the pinned update (whose text then appears nowhere, neither in a
   * 200 to the old tag nor in a plain read), and a revision of a linked article. Each step first
   * waits (generously) until the change is in the read model, seen through reads the memory does
   * not serve, then gives each replica {@link #FRESH} to stop serving the old tag and text.
   */
  @Test
  void aChangeThroughEitherReplicaEndsEveryReplicasOldTagsAndCachedPages() {
    Steps steps = new Steps("ReplicasIT#cachedReads");
    String editor = stack.bearer("editor");
    String admin = stack.bearer("admin");
    String marker = "GEHEIM-" + UUID.randomUUID();
    String draftHeadline = "Wat de formatie betekent (concept) " + UUID.randomUUID();
    String firstHeadline = "Wat de formatie betekent " + UUID.randomUUID();
    String revisedHeadline = "Wat de mislukte formatie betekent " + UUID.randomUUID();

    // The article's events reach the timeline on their own topic, in no order with the story's,
    // and each one projected changes the representation of every story linking the article. A
    // probe story linking it shows when they are projected (it shows the link's snapshot until
    // then), without reading the story under test; that story links the article only once its
    // events are in, so only the revision below changes it.
    UUID article =
        Api.publishArticle(stack.ingest, editor, draftHeadline, "https://nos.nl/artikel/2563001");
    UUID probe = Api.openStory(stack.ingest, editor, "Live: de formatie, achtergrond");
    Api.linkArticle(stack.ingest, editor, probe, article);
    Api.reviseArticle(secondIngest, editor, article, firstHeadline);
    awaitArticleHeadline(probe, firstHeadline);

    UUID story = Api.openStory(stack.ingest, editor, "Live: de kabinetsformatie");
    Api.linkArticle(secondIngest, editor, story, article);
    UUID secret =
        Api.postUpdate(
                stack.ingest,
                editor,
                story,
                marker + " kop",
                "<p>" + marker + " tekst</p>",
                Instant.now().toString())
            .id();
    Api.Written other =
        Api.postUpdate(
            secondIngest,
            editor,
            story,
            "Informateur benoemd",
            "<p>De informateur begint maandag.</p>",
            Instant.now().toString());

    String header = "/api/v1/stories/" + story;
    String feed = header + "/updates";
    String shortFeed = feed + "?limit=5";
    List<ServiceProcess> timelines = List.of(stack.timeline, secondTimeline);

    // Both replicas serve the story; each one's tags are confirmed by a 304 (which is what puts
    // them, and the pages, in its memory).
    awaitProjected(story, other.version());
    Shows updatesListed =
        page -> assertThat(Api.ids(page.jsonPath().getList("items"))).contains(secret.toString());
    Map<String, Shows> opened = new LinkedHashMap<>();
    opened.put(
        header,
        page ->
            assertThat(page.jsonPath().getString("relatedArticles[0].headline"))
                .isEqualTo(firstHeadline));
    opened.put(feed, page -> assertThat(page.asString()).contains(marker));
    opened.put(shortFeed, updatesListed);
    Map<ServiceProcess, Map<String, String>> tags = new HashMap<>();
    for (ServiceProcess timeline : timelines) {
      tags.put(timeline, awaitFresh(timeline, Map.of(), opened, TIMEOUT));
    }
    assertThat(tags.get(secondTimeline)).isEqualTo(tags.get(stack.timeline));
    steps.log("both replicas serve the story: %s", tags.get(stack.timeline));

    // A pin through one ingest replica: the header shows the pinned update (with the text), the
    // feed marks it.
    awaitProjected(story, Api.pin(secondIngest, editor, story, secret));
    Map<String, Shows> pinned = new LinkedHashMap<>();
    pinned.put(
        header,
        page -> {
          assertThat(page.jsonPath().getString("pinnedUpdate.id")).isEqualTo(secret.toString());
          assertThat(page.asString()).contains(marker);
        });
    Shows secretPinned =
        page ->
            assertThat(
                    page.jsonPath().getBoolean("items.find { it.id == '" + secret + "' }.pinned"))
                .isTrue();
    pinned.put(feed, secretPinned);
    pinned.put(shortFeed, secretPinned);
    tags = awaitFreshOnBoth(timelines, tags, pinned);
    steps.log("pin seen on both replicas");

    // The pinned update redacted through the other ingest replica: its text is gone from the
    // header (its tombstone stays pinned) and from every feed page, conditional or not.
    awaitProjected(story, Api.redact(stack.ingest, admin, story, secret, REDACTION_NOTE));
    Shows textGone =
        page -> assertThat(page.asString()).doesNotContain(marker).contains(REDACTION_NOTE);
    Map<String, Shows> redacted = new LinkedHashMap<>();
    redacted.put(
        header,
        page -> {
          textGone.check(page);
          assertThat(page.jsonPath().getString("pinnedUpdate.id")).isEqualTo(secret.toString());
        });
    redacted.put(feed, textGone);
    redacted.put(shortFeed, textGone);
    tags = awaitFreshOnBoth(timelines, tags, redacted);
    steps.log("redaction seen on both replicas");

    // An article revision is no story version: only the header shows it.
    Api.reviseArticle(secondIngest, editor, article, revisedHeadline);
    awaitArticleHeadline(probe, revisedHeadline);
    Map<String, Shows> revised = new LinkedHashMap<>();
    revised.put(
        header,
        page ->
            assertThat(page.jsonPath().getString("relatedArticles[0].headline"))
                .isEqualTo(revisedHeadline));
    Map<ServiceProcess, Map<String, String>> headerTags = new HashMap<>();
    for (ServiceProcess timeline : timelines) {
      headerTags.put(timeline, Map.of(header, tags.get(timeline).get(header)));
    }
    headerTags = awaitFreshOnBoth(timelines, headerTags, revised);
    steps.log("article revision seen on both replicas: %s", headerTags.get(stack.timeline));
  }

  /** Waits until the story's change log (no replica answers it from memory) has {@code version}. */
  private static void awaitProjected(UUID story, long version) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(Api.versions(Api.changes(stack.timeline, story, 0))).contains(version));
  }

  /**
   * Waits until a story's header, read past the replicas' memory, shows its (only) related article
   * under {@code headline}.
   */
  private static void awaitArticleHeadline(UUID story, String headline) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        Api.at(stack.timeline)
                            .queryParam("minVersion", 1)
                            .get("/api/v1/stories/{story}", story)
                            .jsonPath()
                            .getString("relatedArticles[0].headline"))
                    .isEqualTo(headline));
  }

  /**
   * {@link #awaitFresh} on each replica, each within {@link #FRESH}; then both replicas' new tags
   * agree.
   */
  private static Map<ServiceProcess, Map<String, String>> awaitFreshOnBoth(
      List<ServiceProcess> timelines,
      Map<ServiceProcess, Map<String, String>> stale,
      Map<String, Shows> shows) {
    Map<ServiceProcess, Map<String, String>> fresh = new HashMap<>();
    for (ServiceProcess timeline : timelines) {
      fresh.put(timeline, awaitFresh(timeline, stale.get(timeline), shows, FRESH));
    }
    assertThat(fresh.get(timelines.get(1))).isEqualTo(fresh.get(timelines.get(0)));
    return fresh;
  }

  /**
   * Waits until {@code timeline} answers each path of {@code shows} with what it must show: a
   * request carrying the path's {@code stale} tag (if any) gets a 200 under a new tag, and that
   * answer and a plain read both pass the check. Then confirms each new tag with a 304.
   *
   * @return each path's new tag
   */
  private static Map<String, String> awaitFresh(
      ServiceProcess timeline,
      Map<String, String> stale,
      Map<String, Shows> shows,
      Duration atMost) {
    Map<String, String> fresh = new LinkedHashMap<>();
    await()
        .atMost(atMost)
        .untilAsserted(
            () -> {
              for (Map.Entry<String, Shows> path : shows.entrySet()) {
                String old = stale.get(path.getKey());
                String description = timeline.name() + " " + path.getKey();
                if (old != null) {
                  Response revalidated = Api.getIfNoneMatch(timeline, path.getKey(), old);
                  assertThat(revalidated.statusCode())
                      .as(description + " revalidating the old tag " + old)
                      .isEqualTo(200);
                  assertThat(revalidated.header("ETag")).as(description).isNotEqualTo(old);
                  path.getValue().check(revalidated);
                }
                Response read = Api.at(timeline).get(path.getKey());
                assertThat(read.statusCode()).as(description).isEqualTo(200);
                assertThat(read.header("ETag")).as(description).isNotNull().isNotEqualTo(old);
                path.getValue().check(read);
                fresh.put(path.getKey(), read.header("ETag"));
              }
            });
    for (Map.Entry<String, String> tag : fresh.entrySet()) {
      assertThat(Api.getIfNoneMatch(timeline, tag.getKey(), tag.getValue()).statusCode())
          .as(timeline.name() + " " + tag.getKey() + " revalidating " + tag.getValue())
          .isEqualTo(304);
    }
    return fresh;
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
