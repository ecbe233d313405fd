package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The broker is stopped in the middle of a burst of 1,000 posts (eight newsrooms posting to eight
 * stories at once) and started again while the burst goes on: ingest keeps accepting writes (they
 * wait in the outbox), and once the broker is back every accepted post is in its story's feed
 * exactly once and in order: the whole feed and the whole change log of every story equal what was
 * accepted.
 */
class BrokerOutageIT {

  private static final int STORIES = 8;
  private static final int POSTS_PER_STORY = 125;
  private static final int POSTS = STORIES * POSTS_PER_STORY;
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private final SystemStack stack = SystemStack.get();

  @Test
  void writesAreAcceptedWhileKafkaIsDownAndAllArriveInOrderOnceItIsBack() throws Exception {
    Steps steps = new Steps("BrokerOutageIT");
    String editor = stack.bearer("editor");
    List<UUID> stories = new ArrayList<>();
    List<List<UUID>> accepted = new ArrayList<>();
    for (int s = 0; s < STORIES; s++) {
      stories.add(Api.openStory(stack.ingest, editor, "Storm over de Noordzee " + s));
      accepted.add(Collections.synchronizedList(new ArrayList<>()));
    }
    for (UUID story : stories) {
      await().atMost(TIMEOUT).until(() -> Api.changes(stack.timeline, story, 0).size() == 1);
    }

    ExecutorService clients = Executors.newFixedThreadPool(STORIES);
    List<CompletableFuture<Void>> newsrooms = new ArrayList<>();
    for (int s = 0; s < STORIES; s++) {
      UUID story = stories.get(s);
      List<UUID> ids = accepted.get(s);
      newsrooms.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < POSTS_PER_STORY; i++) {
                  ids.add(Api.postUpdate(stack.ingest, editor, story, "<p>Bericht " + i + "</p>"));
                }
              },
              clients));
    }
    CompletableFuture<Void> burst =
        CompletableFuture.allOf(newsrooms.toArray(new CompletableFuture[0]));

    await().atMost(TIMEOUT).until(() -> total(accepted) >= POSTS / 5 || burst.isDone());
    steps.log("%d posts accepted; stopping the broker", total(accepted));
    stack.devstack.kafka().stop();
    int brokerDown = total(accepted);
    steps.log("broker stopped after %d posts", brokerDown);
    int brokerStarting;
    try {
      await()
          .atMost(TIMEOUT)
          .until(() -> total(accepted) >= brokerDown + POSTS / 4 || burst.isDone());
    } finally {
      brokerStarting = total(accepted);
      steps.log("%d posts accepted; starting the broker", brokerStarting);
      stack.devstack.kafka().start();
    }
    steps.log("broker back after %d posts", total(accepted));
    try {
      burst.get(3, TimeUnit.MINUTES);
    } finally {
      clients.shutdownNow();
    }

    steps.log("all %d posts accepted", POSTS);
    assertThat(brokerStarting - brokerDown)
        .as("posts accepted while the broker was down")
        .isGreaterThanOrEqualTo(POSTS / 4);
    assertThat(total(accepted)).isEqualTo(POSTS);
    assertThat(accepted.stream().flatMap(List::stream)).doesNotHaveDuplicates();

    List<Long> allVersions = LongStream.rangeClosed(1, POSTS_PER_STORY + 1).boxed().toList();
    for (int s = 0; s < STORIES; s++) {
      UUID story = stories.get(s);
      List<String> ids = accepted.get(s).stream().map(UUID::toString).toList();
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () ->
                  assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
                      .containsExactlyElementsOf(allVersions));
      steps.log("story %d projected", s);
      assertThat(Api.changes(stack.timeline, story, 1))
          .extracting(change -> String.valueOf(change.get("updateId")))
          .containsExactlyElementsOf(ids);
      assertThat(Api.ids(Api.feed(stack.timeline, story)))
          .as("the feed, newest first")
          .containsExactlyElementsOf(IngestCrashIT.reversed(ids));
    }
  }

  private static int total(List<List<UUID>> accepted) {
    return accepted.stream().mapToInt(List::size).sum();
  }
}
