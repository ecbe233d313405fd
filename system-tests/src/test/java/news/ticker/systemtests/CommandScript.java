package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
}
