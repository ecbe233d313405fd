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
      assertThat(StoryTopic.now(stack.kafkaBootstrap(), story)).isEmpty();
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
        StoryTopic.atLeast(stack.kafkaBootstrap(), story, (int) lastVersion, TIMEOUT);
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
