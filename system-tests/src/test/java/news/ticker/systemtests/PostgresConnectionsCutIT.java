package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The timeline's database connections are cut ({@code pg_terminate_backend}) again and again while
 * it projects bursts of posts, edits, corrections and retractions to three stories at once, so that
 * cuts land in the middle of batches that span stories and in the middle of the per-event path. A
 * cut connection fails whatever statement it carries, with whatever exception the driver makes of
 * it; that is an outage to retry, never a poison record. Each story ends with every version applied
 * once, in order, with the view the commands say, and not one record is dead-lettered.
 */
class PostgresConnectionsCutIT {

  private static final int POSTS = 20;
  private static final int STORIES = 3;
  private static final int CUTS = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final SystemStack stack = SystemStack.get();
  private final TimelineDatabase database = new TimelineDatabase(stack);

  @Test
  void cutDatabaseConnectionsMidBatchDelayTheProjectionButLoseAndDeadLetterNothing()
      throws Exception {
    Steps steps = new Steps("PostgresConnectionsCutIT");
    String editor = stack.bearer("editor");
    long deadLettersBefore = database.deadLetters();

    List<UUID> stories = new ArrayList<>();
    List<CommandScript> scripts = new ArrayList<>();
    for (int i = 0; i < STORIES; i++) {
      stories.add(Api.openStory(stack.ingest, editor, "Live: de netwerkstoring"));
      scripts.add(new CommandScript(POSTS));
    }
    CompletableFuture<Void> burst = CommandScript.runAll(stack.ingest, editor, stories, scripts);

    // Each cut waits until the timeline has projected something since the last one, so it has
    // reconnected and the next cut meets a connection in use, not an empty pool.
    int cutsDuringBursts = 0;
    int connectionsCut = 0;
    AtomicLong projected = new AtomicLong();
    for (int cut = 0; cut < CUTS && !burst.isDone(); cut++) {
      long since = projected.get();
      // A read may meet a cut connection too: it is asked again.
      await()
          .atMost(TIMEOUT)
          .ignoreExceptions()
          .until(
              () -> {
                projected.set(Api.changes(stack.timeline, stories.get(0), 0).size());
                return burst.isDone() || projected.get() > since;
              });
      if (burst.isDone()) {
        break;
      }
      connectionsCut += database.cutConnections();
      cutsDuringBursts++;
    }
    burst.get(2, TimeUnit.MINUTES);
    steps.log(
        "%d cuts during the bursts, %d timeline connections cut", cutsDuringBursts, connectionsCut);
    assertThat(cutsDuringBursts).as("cuts while the timeline projects the bursts").isGreaterThan(1);
    assertThat(connectionsCut).isGreaterThan(1);

    JsonNode first = null;
    for (int i = 0; i < STORIES; i++) {
      UUID story = stories.get(i);
      CommandScript script = scripts.get(i);
      Api.awaitLastVersion(stack.timeline, story, script.finalVersion(), TIMEOUT);
      assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, script.finalVersion()).boxed().toList());
      JsonNode view = Views.of(stack.timeline, story, script.updates());
      script.assertIsTheView(view);
      if (first == null) {
        first = view;
      } else {
        assertThat(view).as("story %d", i).isEqualTo(first);
      }
    }
    steps.log("%d stories projected, every version once", STORIES);
    assertThat(database.deadLetters())
        .as("records dead-lettered by the cuts")
        .isEqualTo(deadLettersBefore);
  }
}
