package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The timeline service is killed ({@code kill -9}) while it projects bursts of posts, edits,
 * corrections and retractions to three stories at once (so its polls, and the batches it writes in
 * one transaction, span several stories), and restarted: each story's view ends identical to that
 * of a control story that received the same commands while the timeline ran without interruption
 * (header, every feed page, every update with its revisions, and the change log). Offsets and
 * progress agree: nothing is applied twice, nothing is skipped.
 */
class KillTimelineIT {

  private static final int POSTS = 40;
  private static final int STORIES = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final SystemStack stack = SystemStack.get();

  @Test
  void aTimelineKilledMidProjectionEndsWithTheViewOfAnUninterruptedRun() throws Exception {
    Steps steps = new Steps("KillTimelineIT");
    String editor = stack.bearer("editor");

    UUID control = Api.openStory(stack.ingest, editor, "Live: de stormnacht");
    CommandScript controlScript = new CommandScript(POSTS);
    controlScript.run(stack.ingest, editor, control);
    awaitProjected(control, controlScript.finalVersion());
    JsonNode expected = Views.of(stack.timeline, control, controlScript.updates());
    steps.log("control story projected: %d commands", controlScript.commands());

    // Several stories at once, so that the timeline's polls carry records of several stories and
    // the kill lands in the middle of batches that span them.
    List<UUID> stories = new java.util.ArrayList<>();
    List<CommandScript> scripts = new java.util.ArrayList<>();
    for (int i = 0; i < STORIES; i++) {
      stories.add(Api.openStory(stack.ingest, editor, "Live: de stormnacht"));
      scripts.add(new CommandScript(POSTS));
    }
    CompletableFuture<Void> burst = CommandScript.runAll(stack.ingest, editor, stories, scripts);
    int commands = scripts.stream().mapToInt(CommandScript::commands).sum();
    // Kill it while the bursts are being projected: a third of the commands acknowledged, and some
    // of them already applied.
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                burst.isDone()
                    || (acknowledged(scripts) >= commands / 3
                        && Api.changes(stack.timeline, stories.get(0), 0).size() > 1));
    long projectedBeforeKill = Api.changes(stack.timeline, stories.get(0), 0).size();
    stack.timeline.kill();
    int acknowledgedAtKill = acknowledged(scripts);
    steps.log(
        "timeline killed: %d of %d commands acknowledged, %d versions of the first story projected",
        acknowledgedAtKill, commands, projectedBeforeKill);
    assertThat(acknowledgedAtKill)
        .as("the timeline must die during the bursts, not after them")
        .isLessThan(commands);
    try {
      burst.get(2, TimeUnit.MINUTES);
    } finally {
      steps.log("bursts done; restarting the timeline");
      stack.timeline.start();
      steps.log("timeline ready");
    }
    assertThat(acknowledged(scripts)).isEqualTo(commands);
    assertThat(projectedBeforeKill).isBetween(2L, scripts.get(0).finalVersion() - 1);

    for (int i = 0; i < STORIES; i++) {
      UUID story = stories.get(i);
      CommandScript script = scripts.get(i);
      awaitProjected(story, script.finalVersion());
      JsonNode actual = Views.of(stack.timeline, story, script.updates());
      assertThat(actual).as("story %d", i).isEqualTo(expected);
      // And the control itself is what the commands say, so two equally wrong views cannot pass.
      assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, script.finalVersion()).boxed().toList());
    }
    steps.log("%d stories projected, each identical to the control", STORIES);
    scripts
        .get(0)
        .assertIsTheView(Views.of(stack.timeline, stories.get(0), scripts.get(0).updates()));
  }

  private static int acknowledged(List<CommandScript> scripts) {
    return scripts.stream().mapToInt(CommandScript::acknowledged).sum();
  }

  private void awaitProjected(UUID story, long version) {
    Api.awaitLastVersion(stack.timeline, story, version, TIMEOUT);
  }
}
