package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import news.ticker.devstack.process.ServiceProcess;

/**
 * A fixed sequence of newsroom commands on one story: posts (with the newsroom's own publishedAt,
 * so that two stories given the script have the same feed), silent edits, corrections and
 * retractions of earlier updates. Every command must be acknowledged; the script records the update
 * ids in posting order and counts its acknowledged commands.
 */
final class CommandScript {

  private static final Instant FIRST = Instant.parse("2026-03-19T20:00:00Z");

  private final int posts;
  private final List<UUID> updates = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger acknowledged = new AtomicInteger();

  CommandScript(int posts) {
    this.posts = posts;
  }

  /** How many commands the script sends (besides opening the story). */
  int commands() {
    int count = 0;
    for (int i = 0; i < posts; i++) {
      count += 1 + (i % 4 == 3 ? 1 : 0) + (i % 10 == 9 ? 1 : 0) + (i % 15 == 14 ? 1 : 0);
    }
    return count;
  }

  /** The story's version once the script ran: the opening plus one event per command. */
  long finalVersion() {
    return 1L + commands();
  }

  /** Runs each script on its story (same index), side by side; completes when all are done. */
  static CompletableFuture<Void> runAll(
      ServiceProcess ingest, String token, List<UUID> stories, List<CommandScript> scripts) {
    List<CompletableFuture<Void>> bursts = new ArrayList<>();
    for (int i = 0; i < stories.size(); i++) {
      UUID story = stories.get(i);
      CommandScript script = scripts.get(i);
      bursts.add(CompletableFuture.runAsync(() -> script.run(ingest, token, story)));
    }
    return CompletableFuture.allOf(bursts.toArray(CompletableFuture[]::new));
  }

  void run(ServiceProcess ingest, String token, UUID story) {
    for (int i = 0; i < posts; i++) {
      updates.add(
          Api.postUpdate(
                  ingest,
                  token,
                  story,
                  "Kop " + i,
                  "<p>Bericht " + i + "</p>",
                  FIRST.plusSeconds(60L * i).toString())
              .id());
      acknowledged.incrementAndGet();
      if (i % 4 == 3) {
        acknowledge(
            Api.edit(ingest, token, story, updates.get(i - 2), bodyEdited(i - 2), null), 200);
      }
      if (i % 10 == 9) {
        acknowledge(
            Api.edit(
                ingest,
                token,
                story,
                updates.get(i - 5),
                "<p>Bericht " + (i - 5) + ", gecorrigeerd</p>",
                "Eerder stond hier iets anders over bericht " + (i - 5) + "."),
            200);
      }
      if (i % 15 == 14) {
        acknowledge(
            Api.retract(
                ingest, token, story, updates.get(i - 7), "Bron " + (i - 7) + " onbetrouwbaar"),
            200);
      }
    }
  }

  private static String bodyEdited(int update) {
    return "<p>Bericht " + update + ", bijgewerkt</p>";
  }

  private void acknowledge(Response response, int status) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    acknowledged.incrementAndGet();
  }

  /** Update ids in posting order (so far). */
  List<UUID> updates() {
    synchronized (updates) {
      return List.copyOf(updates);
    }
  }

  int acknowledged() {
    return acknowledged.get();
  }

  /**
   * Asserts that a story's view (see {@link Views}) is what the whole script says: the feed holds
   * every post newest first except the retracted ones, and an edit, a correction (with its
   * revisions) and a retraction show as sent. So two views that are equal can also be checked to be
   * right.
   */
  void assertIsTheView(JsonNode view) {
    List<String> newestFirst =
        IntStream.range(0, posts)
            .map(i -> posts - 1 - i)
            .filter(i -> !retracted(i))
            .mapToObj(i -> "update-" + i)
            .toList();
    assertThat(Views.feedIds(view)).containsExactlyElementsOf(newestFirst);
    JsonNode edited = view.get("updates").get("update-1");
    assertThat(edited.get("body").asText()).isEqualTo(bodyEdited(1));
    JsonNode corrected = view.get("updates").get("update-4");
    assertThat(corrected.get("body").asText()).isEqualTo("<p>Bericht 4, gecorrigeerd</p>");
    assertThat(corrected.get("revisions"))
        .extracting(r -> r.get("kind").asText())
        .containsExactly("posted", "corrected");
    assertThat(view.get("updates").get("update-7").get("retracted").asBoolean()).isTrue();
  }

  /** Whether the script retracts update i (it is retracted after post i + 7). */
  private boolean retracted(int i) {
    return i % 15 == 7 && i + 7 < posts;
  }
}
