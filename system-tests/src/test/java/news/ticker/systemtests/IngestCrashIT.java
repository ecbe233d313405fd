package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import news.ticker.devstack.process.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Ingest is killed ({@code kill -9}) after its database commits and before its relay published
 * them: with the relay held back by configuration ({@code TICKER_OUTBOX_RELAY_ENABLED=false}) every
 * acknowledged write is only in PostgreSQL when ingest dies. Restarted with its relay, it publishes
 * all of them: each exactly once, in order, and the timeline shows exactly the acknowledged posts.
 * And ingest killed in the middle of its group commits loses no acknowledged post and doubles none.
 */
class IngestCrashIT {

  private static final int POSTS = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final SystemStack stack = SystemStack.get();

  @Test
  void writesAcknowledgedBeforeACrashArePublishedOnceInOrderAfterRestart() throws Exception {
    Steps steps = new Steps("IngestCrashIT");
    String editor = stack.bearer("editor");
    // The only ingest on the database must be the one whose relay is held back: the relay of any
    // other replica would take the outbox lock and publish.
    stack.ingest.stop();
    UUID story;
    List<UUID> acknowledged = new ArrayList<>();
    ServiceProcess held = null;
    try {
      held =
          stack.startService(
              "ingest-held", "ingest-service", "ingest", "TICKER_OUTBOX_RELAY_ENABLED", "false");
      steps.log("ingest with its relay held back is ready");
      story = Api.openStory(held, editor, "Live: de nachtelijke stroomstoring");
      for (int i = 0; i < POSTS; i++) {
        acknowledged.add(Api.postUpdate(held, editor, story, "<p>Melding " + i + "</p>"));
      }
      assertThat(unpublishedRows(story)).isEqualTo(POSTS + 1);
      assertThat(StoryTopic.now(stack.kafkaClient(), story)).isEmpty();
      assertThat(Api.at(stack.timeline).get("/api/v1/stories/{story}", story).statusCode())
          .isEqualTo(404);
    } finally {
      if (held != null) {
        held.kill(); // between the commits and their publication
      }
      steps.log("held ingest killed; restarting ingest with its relay");
      stack.ingest.start();
      steps.log("ingest ready");
    }

    long lastVersion = POSTS + 1;
    List<StoryTopic.Published> published =
        StoryTopic.atLeast(stack.kafkaClient(), story, (int) lastVersion, TIMEOUT);
    assertThat(published)
        .extracting(StoryTopic.Published::version)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
    assertThat(published).extracting(StoryTopic.Published::eventId).doesNotHaveDuplicates();
    assertThat(unpublishedRows(story)).isZero();
    steps.log("all published");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
                    .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, lastVersion).boxed().toList()));
    List<String> ids = acknowledged.stream().map(UUID::toString).toList();
    assertThat(Api.changes(stack.timeline, story, 1))
        .extracting(change -> String.valueOf(change.get("updateId")))
        .containsExactlyElementsOf(ids);
    assertThat(Api.ids(Api.feed(stack.timeline, story))).containsExactlyElementsOf(reversed(ids));
  }

  /**
   * Eight clients post to two stories without pause, so group commits are always in flight, and
   * ingest is {@code kill -9}ed in the middle of them: some batches committed and unanswered, one
   * perhaps half sent. After the restart every acknowledged post is in the event store exactly
   * once, each story's history reaches Kafka gap-free and in order (a record whose publication was
   * not yet marked may be published again, as the same event), and the timeline shows each version
   * once.
   */
  @Test
  void aKillInTheMiddleOfGroupCommitsLosesNoAcknowledgedPostAndDoublesNothing() throws Exception {
    Steps steps = new Steps("IngestCrashIT mid-group-commit");
    String editor = stack.bearer("editor");
    List<UUID> stories =
        List.of(
            Api.openStory(stack.ingest, editor, "Live: de kortsluiting"),
            Api.openStory(stack.ingest, editor, "Live: de netstoring"));
    List<UUID> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean killed =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (int c = 0; c < 8; c++) {
        UUID story = stories.get(c % 2);
        int client = c;
        clients.submit(
            () -> {
              for (int i = 0; !killed.get(); i++) {
                try {
                  io.restassured.response.Response response =
                      Api.post(
                          stack.ingest, editor, story, "<p>Client " + client + ": " + i + "</p>");
                  if (response.statusCode() == 201) {
                    acknowledged.add(UUID.fromString(response.jsonPath().getString("id")));
                  }
                } catch (RuntimeException connectionLost) {
                  // The kill: the answer never came; the post may or may not have committed.
                }
              }
            });
      }
      await().atMost(TIMEOUT).until(() -> acknowledged.size() >= 60);
      stack.ingest.kill();
      killed.set(true);
      steps.log("ingest killed mid-burst after %d acknowledged posts", acknowledged.size());
    } finally {
      killed.set(true);
      clients.shutdown();
      clients.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      stack.ingest.start();
      steps.log("ingest ready");
    }

    List<UUID> posted = postedUpdates(stories);
    assertThat(posted).doesNotHaveDuplicates().containsAll(acknowledged);
    for (UUID story : stories) {
      long lastVersion = lastVersion(story);
      List<StoryTopic.Published> published =
          await()
              .atMost(TIMEOUT)
              .until(
                  () -> StoryTopic.now(stack.kafkaClient(), story),
                  records ->
                      records.stream().map(StoryTopic.Published::version).distinct().count()
                          >= lastVersion);
      // The relay publishes at least once: a record published just before the kill, whose mark
      // did not commit, is published again after the restart, as the same event (its id), which
      // consumers drop by version. Never two events for one version, never a gap, first
      // publications in order.
      assertThat(published.stream().map(StoryTopic.Published::version).distinct().toList())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
      assertThat(
              published.stream()
                  .collect(
                      java.util.stream.Collectors.groupingBy(
                          StoryTopic.Published::version,
                          java.util.stream.Collectors.mapping(
                              StoryTopic.Published::eventId, java.util.stream.Collectors.toSet())))
                  .values())
          .allSatisfy(ids -> assertThat(ids).hasSize(1));
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
                      .containsExactlyElementsOf(
                          LongStream.rangeClosed(1, lastVersion).boxed().toList()));
    }
    steps.log("%d posts in the event store, all acknowledged ones among them", posted.size());
  }

  /** The update ids of every update-posted event of the stories, as the event store holds them. */
  private List<UUID> postedUpdates(List<UUID> stories) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Connection db = stack.devstack.postgres().connect("ingest");
        PreparedStatement query =
            db.prepareStatement(
                "select (data::jsonb ->> 'updateId') from event_store"
                    + " where stream_id = any (?) and event_type like '%update-posted%'")) {
      query.setArray(1, db.createArrayOf("uuid", stories.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(UUID.fromString(rs.getString(1)));
        }
      }
    }
    return ids;
  }

  private long lastVersion(UUID story) throws SQLException {
    try (Connection db = stack.devstack.postgres().connect("ingest");
        PreparedStatement query =
            db.prepareStatement("select max(version) from event_store where stream_id = ?")) {
      query.setObject(1, story);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long unpublishedRows(UUID story) throws SQLException {
    try (Connection db = stack.devstack.postgres().connect("ingest");
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) from ticker_outbox where stream_id = ? and published_at is null"
                    + " and topic = 'ticker.story-events'")) {
      query.setString(1, story.toString());
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
