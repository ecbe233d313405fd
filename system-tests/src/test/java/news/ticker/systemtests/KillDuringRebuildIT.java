package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The timeline service is killed ({@code kill -9}) while a rebuild of its read model runs, and
 * restarted: the active generation serves the story as before and goes on projecting; the killed
 * rebuild is never switched to; a new rebuild can be started once the killed one's heartbeat is
 * stale (the system stack sets {@code ticker.timeline.rebuild.heartbeat-timeout} to 5 s), and it
 * switches to a generation that shows the same story.
 */
class KillDuringRebuildIT {

  private static final int POSTS = 12;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final SystemStack stack = SystemStack.get();

  @Test
  void aTimelineKilledDuringARebuildKeepsItsActiveGenerationAndRebuildsAgain() {
    Steps steps = new Steps("KillDuringRebuildIT");
    String editor = stack.bearer("editor");
    String admin = stack.bearer("admin");

    UUID story = Api.openStory(stack.ingest, editor, "Live: de herbouw");
    CommandScript script = new CommandScript(POSTS);
    script.run(stack.ingest, editor, story);
    awaitProjected(story, script.finalVersion());
    JsonNode before = Views.of(stack.timeline, story, script.updates());
    steps.log("story projected: version %d", script.finalVersion());

    Response started =
        Api.at(stack.timeline).header("Authorization", admin).post("/api/v1/admin/rebuilds");
    assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
    String killed = URI.create(started.header("Location")).getPath();
    stack.timeline.kill();
    steps.log("timeline killed during rebuild %s", killed);
    stack.timeline.start();
    steps.log("timeline ready");

    // The active generation serves what it served, and the killed rebuild never became active.
    assertThat(Views.of(stack.timeline, story, script.updates())).isEqualTo(before);
    assertThat(status(admin, killed)).isNotEqualTo("switched");
    // The projection goes on in the active generation.
    List<UUID> updates = new ArrayList<>(script.updates());
    updates.add(Api.postUpdate(stack.ingest, editor, story, "<p>Na de herstart</p>"));
    awaitProjected(story, script.finalVersion() + 1);
    JsonNode after = Views.of(stack.timeline, story, updates);

    // A new rebuild is refused while the killed one may still be alive, then accepted.
    String[] again = new String[1];
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Response response =
                  Api.at(stack.timeline)
                      .header("Authorization", admin)
                      .post("/api/v1/admin/rebuilds");
              assertThat(response.statusCode()).as(response.asString()).isIn(202, 409);
              if (response.statusCode() == 202) {
                again[0] = URI.create(response.header("Location")).getPath();
                return true;
              }
              return false;
            });
    steps.log("rebuild started again: %s", again[0]);
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "switched".equals(status(admin, again[0])));
    steps.log("rebuild switched");
    assertThat(status(admin, killed)).isEqualTo("failed");
    assertThat(Views.of(stack.timeline, story, updates)).isEqualTo(after);
    assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
        .last()
        .isEqualTo(script.finalVersion() + 1);
  }

  private String status(String admin, String path) {
    return Api.at(stack.timeline)
        .header("Authorization", admin)
        .get(path)
        .jsonPath()
        .getString("status");
  }

  private void awaitProjected(UUID story, long version) {
    Api.awaitLastVersion(stack.timeline, story, version, TIMEOUT);
  }
}
