package news.ticker.ingest.story;

import static news.ticker.ingest.support.Newsroom.EDITOR;
import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.ticker.ingest.eventstore.StreamType;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Histories;
import news.ticker.ingest.support.Newsroom;
import org.junit.jupiter.api.Test;

/**
 * The group commit against the real PostgreSQL and Kafka. To put commands into one batch for sure,
 * a test holds the story's lock (as another replica would) while they arrive: the batcher hands
 * them back until the lock is free, then decides them all in one transaction.
 */
@QuarkusTest
class StoryGroupCommitTest {

  @Inject StoryGroupCommit groupCommit;

  @Test
  void fiftyWritersRacingWithTheSameIfMatchGiveOneWinnerAndTheOthers412WithTheCurrentEtag()
      throws Exception {
    UUID storyId = Newsroom.openStory("Wedren");
    List<Callable<Response>> writers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int writer = i;
      writers.add(
          () ->
              as(REPORTER)
                  .header("If-Match", "\"1\"")
                  .body(Map.of("body", "<p>schrijver " + writer + "</p>"))
                  .post(updates(storyId)));
    }

    List<Response> responses = all(writers, null);

    assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
    assertThat(responses).filteredOn(r -> r.statusCode() == 412).hasSize(49);
    assertThat(responses)
        .filteredOn(r -> r.statusCode() == 412)
        .allSatisfy(
            r -> {
              assertThat(r.header("ETag")).isEqualTo("\"2\"");
              assertThat(r.contentType()).startsWith("application/problem+json");
            });
    Histories.assertGapFree(storyId, 2);
  }

  @Test
  void twentyRetriesOfOneKeyInOneBatchAppendOnceAndGetTwentyIdenticalAnswers() throws Exception {
    UUID storyId = Newsroom.openStory("Twintig keer");
    String key = UUID.randomUUID().toString();
    List<Callable<Response>> retries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      retries.add(
          () ->
              as(REPORTER)
                  .header("Idempotency-Key", key)
                  .body(Map.of("body", "<p>Twintig keer verstuurd</p>"))
                  .post(updates(storyId)));
    }

    List<Response> responses = all(retries, storyId);

    assertThat(responses).extracting(Response::statusCode).containsOnly(201);
    assertThat(responses).extracting(r -> r.header("Location")).containsOnly(location(responses));
    assertThat(responses).extracting(r -> r.header("ETag")).containsOnly("\"2\"");
    assertThat(responses).extracting(Response::asString).containsOnly(responses.get(0).asString());
    assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
    Histories.assertGapFree(storyId, 2);
  }

  @Test
  void inOneBatchEachIfMatchMeetsTheVersionOfTheCommandsBeforeItAndRefusalsChangeNothing()
      throws Exception {
    UUID storyId = Newsroom.openStory("Gemengd");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Eerste</p>");
    UUID unknown = UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    List<Callable<Response>> commands = new ArrayList<>();
    commands.add(() -> as(REPORTER).body(Map.of("body", "<p>A</p>")).post(updates(storyId)));
    commands.add(
        () ->
            as(REPORTER)
                .header("If-Match", "\"2\"")
                .body(Map.of("body", "<p>te oud</p>"))
                .post(updates(storyId)));
    commands.add(
        () ->
            as(REPORTER)
                .header("If-Match", "\"3\"")
                .body(Map.of("body", "<p>na A</p>"))
                .post(updates(storyId)));
    commands.add(
        () ->
            as(EDITOR)
                .body(Map.of("reason", "bestaat niet"))
                .delete(updates(storyId) + "/" + unknown));
    commands.add(
        () ->
            as(REPORTER)
                .header("Idempotency-Key", key)
                .body(Map.of("body", "<p>B</p>"))
                .post(updates(storyId)));
    commands.add(() -> as(EDITOR).put(updates(storyId) + "/" + updateId + "/pin"));

    List<Response> responses = all(commands, storyId);

    assertThat(responses)
        .extracting(Response::statusCode)
        .containsExactly(201, 412, 201, 404, 201, 200);
    assertThat(responses).extracting(r -> r.header("ETag")).startsWith("\"3\"", "\"3\"", "\"4\"");
    assertThat(responses.get(5).header("ETag")).isEqualTo("\"6\"");
    Histories.assertGapFree(storyId, 6);
    // The key of the accepted command was stored with its answer: a retry replays it.
    Response retry =
        as(REPORTER)
            .header("Idempotency-Key", key)
            .body(Map.of("body", "<p>B</p>"))
            .post(updates(storyId));
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.header("Location")).isEqualTo(responses.get(4).header("Location"));
    assertThat(Database.version(storyId)).isEqualTo(6);
  }

  /**
   * The crash window of a group commit: its connection breaks while the commit is under way, so
   * whether the batch committed is unknown. Here it did not (the server ends the session during the
   * commit, before it completes). The writer is told 503 (it may retry with its key), and the next
   * command must take the version that did not commit, not the one after it: a replica that
   * remembered the batch's states as committed would leave a hole in the stream, which the read
   * side holds at forever.
   */
  @Test
  void aBatchWhoseConnectionBreaksDuringTheCommitAnswers503AndLeavesNoHoleInTheStream()
      throws Exception {
    UUID storyId = Newsroom.openStory("Afgebroken commit");
    Newsroom.postUpdate(storyId, "<p>Eerste</p>");
    // A deferred trigger runs at COMMIT: it holds the commit of the story's version 3 there,
    // where the test ends its session. (The texts are sealed, so the trigger knows the event by
    // its place.)
    Database.execute(
        "create or replace function test_slow_commit() returns trigger language plpgsql as"
            + " $$ begin perform pg_sleep(60); return null; end $$",
        "create constraint trigger test_slow_commit after insert on event_store"
            + " deferrable initially deferred for each row"
            + " when (new.stream_id = '"
            + storyId
            + "' and new.version = 3)"
            + " execute function test_slow_commit()");
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<Response> broken =
          writer.submit(
              () ->
                  as(REPORTER)
                      .body(Map.of("body", "<p>afgebroken tijdens de commit</p>"))
                      .post(updates(storyId)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Database.count(
                          "pg_stat_activity",
                          "wait_event = 'PgSleep' and datname = current_database()")
                      == 1);
      Database.execute(
          "select pg_terminate_backend(pid) from pg_stat_activity"
              + " where wait_event = 'PgSleep' and datname = current_database()");

      Response answer = broken.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.jsonPath().getString("detail")).contains("may or may not");
      // Database trouble is the one type every service uses for it, not "not yet".
      assertThat(answer.jsonPath().getString("type"))
          .isEqualTo("https://ticker.news/problems/unavailable");
    } finally {
      writer.shutdownNow();
      Database.execute(
          "drop trigger if exists test_slow_commit on event_store",
          "drop function if exists test_slow_commit()");
    }
    assertThat(Database.version(storyId)).isEqualTo(2);

    Response next = as(REPORTER).body(Map.of("body", "<p>Daarna</p>")).post(updates(storyId));

    assertThat(next.statusCode()).as(next.asString()).isEqualTo(201);
    assertThat(next.header("ETag")).isEqualTo("\"3\"");
    Histories.assertGapFree(storyId, 3);
  }

  private static String updates(UUID storyId) {
    return "/api/v1/stories/" + storyId + "/updates";
  }

  private static String location(List<Response> responses) {
    return responses.get(0).header("Location");
  }

  /**
   * Runs the calls at once. With a story, they are held on its lock until all of them queued, one
   * after the other in the list's order, so they are decided in one batch in that order.
   */
  private List<Response> all(List<Callable<Response>> calls, UUID lockedStory) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Response>> running = new ArrayList<>();
      Runnable send =
          () -> {
            for (Callable<Response> call : calls) {
              running.add(pool.submit(call));
              if (lockedStory != null) {
                // One at a time, so that they queue in this order.
                int queued = running.size();
                await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() >= queued);
              }
            }
          };
      if (lockedStory == null) {
        send.run();
      } else {
        Database.whileStreamLocked(StreamType.STORY, lockedStory, send);
      }
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : running) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }
}
