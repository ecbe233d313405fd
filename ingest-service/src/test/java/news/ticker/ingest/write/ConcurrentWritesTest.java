package news.ticker.ingest.write;

import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.ingest.eventstore.StreamType;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Histories;
import news.ticker.ingest.support.Newsroom;
import org.junit.jupiter.api.Test;

/** Many clients writing one story at once: the history stays linear, nothing is lost. */
@QuarkusTest
class ConcurrentWritesTest {

  private static final int CLIENTS = 8;
  private static final int ATTEMPTS = 10;

  @Test
  void clientsEditingWithIfMatchGetAGapFreeHistoryAndTheLosersAre412() throws Exception {
    UUID storyId = Newsroom.openStory("Drukte");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Begin</p>");
    String path = "/api/v1/stories/" + storyId + "/updates/" + updateId;
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger stale = new AtomicInteger();

    runConcurrently(
        client -> {
          long known = 2;
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Response response =
                as(REPORTER)
                    .header("If-Match", "\"" + known + "\"")
                    .body(Map.of("body", "<p>client " + client + " edit " + attempt + "</p>"))
                    .put(path);
            assertThat(response.statusCode()).isIn(200, 412);
            if (response.statusCode() == 200) {
              accepted.incrementAndGet();
            } else {
              stale.incrementAndGet();
            }
            known = Long.parseLong(response.header("ETag").replace("\"", ""));
          }
          return null;
        });

    assertThat(accepted.get() + stale.get()).isEqualTo(CLIENTS * ATTEMPTS);
    assertThat(stale.get()).isPositive();
    long version = 2 + accepted.get();
    Histories.assertGapFree(storyId, version);
  }

  @Test
  void clientsPostingWithoutIfMatchAreAllAcceptedInOneLinearHistory() throws Exception {
    UUID storyId = Newsroom.openStory("Stormloop");
    int posts = 5;

    runConcurrently(
        client -> {
          for (int i = 0; i < posts; i++) {
            as(REPORTER)
                .body(Map.of("body", "<p>client " + client + " post " + i + "</p>"))
                .post("/api/v1/stories/" + storyId + "/updates")
                .then()
                .statusCode(201);
          }
          return null;
        });

    Histories.assertGapFree(storyId, 1 + CLIENTS * posts);
  }

  @Test
  void aWriterThatWaitsTooLongForABusyStoryIs409WithRetryAfterAndChangesNothing() {
    UUID storyId = Newsroom.openStory("Bezet");

    Database.whileStreamLocked(
        StreamType.STORY,
        storyId,
        () ->
            as(REPORTER)
                .body(Map.of("body", "<p>Wacht te lang</p>"))
                .post("/api/v1/stories/" + storyId + "/updates")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .header("Retry-After", "1"));

    assertThat(Database.version(storyId)).isEqualTo(1);
    Newsroom.postUpdate(storyId, "<p>Nu wel</p>");
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  private interface Client {
    Void run(int client) throws Exception;
  }

  private static void runConcurrently(Client client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int number = i;
        Callable<Void> task = () -> client.run(number);
        running.add(pool.submit(task));
      }
      for (Future<Void> future : running) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
