package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * With the broker stopped, ingest keeps accepting writes (they wait in the outbox); once the broker
 * is back, every accepted write reaches the timeline exactly once and in order.
 */
class BrokerOutageIT {

  private static final int POSTS = 200;

  private final SystemStack stack = SystemStack.get();

  @Test
  void writesAreAcceptedWhileKafkaIsDownAndAllArriveInOrderOnceItIsBack() {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Storm over de Noordzee");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Api.changes(stack.timeline, story, 0).size() == 1);

    List<UUID> accepted = new ArrayList<>();
    stack.devstack.kafka().stop();
    try {
      for (int i = 0; i < POSTS; i++) {
        accepted.add(Api.postUpdate(stack.ingest, editor, story, "<p>Bericht " + i + "</p>"));
      }
    } finally {
      stack.devstack.kafka().start();
    }

    assertThat(accepted).hasSize(POSTS).doesNotHaveDuplicates();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
                    .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, POSTS + 1).boxed().toList()));
    List<String> postedIds =
        Api.changes(stack.timeline, story, 1).stream()
            .map(change -> String.valueOf(change.get("updateId")))
            .toList();
    assertThat(postedIds).containsExactlyElementsOf(accepted.stream().map(UUID::toString).toList());
  }
}
