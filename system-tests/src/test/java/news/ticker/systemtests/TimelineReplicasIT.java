package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import news.ticker.devstack.process.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two timeline replicas share the projection's partitions; a reader's SSE stream resumes across a
 * reconnect and across replicas with no gap and no duplicate, whichever replica projects the story.
 */
class TimelineReplicasIT {

  /**
   * Generous: starting the second replica rebalances the projection's consumer group, which on a
   * loaded 2-core machine can pause projection for tens of seconds. This test is about order and
   * completeness, not latency.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final SystemStack stack = SystemStack.get();
  private static final ServiceProcess secondTimeline =
      stack.startService("timeline-2", "timeline-service", "timeline");

  @AfterAll
  static void stopSecondReplica() {
    secondTimeline.close();
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

  private static URI streamOf(ServiceProcess timeline, UUID story) {
    return timeline.baseUri().resolve("/api/v1/stories/" + story + "/stream");
  }

  private static void postMany(String token, UUID story, int count) {
    for (int i = 0; i < count; i++) {
      Api.postUpdate(stack.ingest, token, story, "<p>Nieuws " + i + "</p>");
    }
  }
}
