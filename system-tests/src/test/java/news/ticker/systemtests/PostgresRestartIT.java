package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import news.ticker.devstack.process.ServiceProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is stopped while ingest takes a steady stream of posts, and started again: while it is
 * down every service reports not ready, and writes and timeline reads are refused promptly with 503
 * problem+json (never left hanging); once it is back the services are ready again by themselves,
 * and every acknowledged post appears in the timeline exactly once, in order.
 */
class PostgresRestartIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** A write that has no answer after this long counts as hanging. */
  private static final Duration HANGING = Duration.ofSeconds(20);

  private final SystemStack stack = SystemStack.get();
  private final TimelineDatabase database = new TimelineDatabase(stack);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One post attempt and its answer (status -1: no answer within {@link #HANGING}). */
  record Attempt(String body, int status, String contentType, String answer, boolean outage) {}

  @Test
  void servicesGoNotReadyWhileThePostgresIsDownAndRecoverWithoutLosingAcknowledgedWrites()
      throws Exception {
    Steps steps = new Steps("PostgresRestartIT");
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live: de grote storing");
    List<ServiceProcess> services = List.of(stack.ingest, stack.timeline, stack.analysis);

    List<Attempt> attempts = new CopyOnWriteArrayList<>();
    AtomicBoolean outage = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> load =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                boolean duringOutage = outage.get();
                attempts.add(post(editor, story, "<p>Stand " + i + "</p>", duringOutage));
              }
            });
    try {
      await().atMost(TIMEOUT).until(() -> accepted(attempts).size() >= 20 || load.isDone());

      steps.log("%d posts accepted; stopping PostgreSQL", accepted(attempts).size());
      stack.devstack.postgres().stop();
      outage.set(true);
      steps.log("PostgreSQL stopped");
      int beforeOutage = attempts.size();
      try {
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () -> assertThat(services).allSatisfy(s -> assertThat(ready(s)).isEqualTo(503)));
        steps.log("every service is not ready");
        // Readers are refused the same way: promptly, 503, problem+json.
        HttpResponse<String> read =
            http.send(
                HttpRequest.newBuilder(
                        stack.timeline.baseUri().resolve("/api/v1/stories/" + story + "/updates"))
                    .timeout(HANGING)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
        assertThat(read.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        await().atMost(TIMEOUT).until(() -> attempts.size() >= beforeOutage + 30 || load.isDone());
      } finally {
        steps.log(
            "%d attempts during the outage; starting PostgreSQL", attempts.size() - beforeOutage);
        stack.devstack.postgres().start();
        outage.set(false);
        steps.log("PostgreSQL started");
      }
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> assertThat(services).allSatisfy(s -> assertThat(ready(s)).isEqualTo(200)));
      steps.log("every service is ready again");
      int recovered = accepted(attempts).size();
      await()
          .atMost(TIMEOUT)
          .until(() -> accepted(attempts).size() >= recovered + 20 || load.isDone());
    } finally {
      stop.set(true);
      load.get(1, TimeUnit.MINUTES);
    }

    steps.log("load stopped");
    List<Attempt> refused = attempts.stream().filter(a -> a.status() != 201).toList();
    System.out.printf(
        "PostgresRestartIT: %d attempts, %d accepted, refused by status: %s%n",
        attempts.size(),
        accepted(attempts).size(),
        refused.stream().collect(Collectors.groupingBy(Attempt::status, Collectors.counting())));
    refused.stream().limit(3).forEach(a -> steps.log("refused: %s", a));
    assertThat(refused).as("writes refused while PostgreSQL was down").isNotEmpty();
    assertThat(refused)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.toString()).isEqualTo(503);
              assertThat(a.contentType()).as(a.toString()).startsWith("application/problem+json");
            });

    List<String> acceptedBodies = accepted(attempts).stream().map(Attempt::body).toList();
    Set<String> refusedBodies = refused.stream().map(Attempt::body).collect(Collectors.toSet());
    try {
      awaitEveryAcceptedPostOnce(story, acceptedBodies, refusedBodies);
    } catch (AssertionError | ConditionTimeoutException e) {
      // Say why the story did not move: held at a gap, a parked version, a dead letter.
      database.diagnosis(story).forEach(line -> steps.log("%s", line));
      throw e;
    }
    assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
        .hasSize(acceptedBodies.size() + 1)
        .doesNotHaveDuplicates()
        .isSorted();
  }

  private void awaitEveryAcceptedPostOnce(
      UUID story, List<String> acceptedBodies, Set<String> refusedBodies) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              List<String> feedBodies = oldestFirstBodies(Api.feed(stack.timeline, story));
              // Every acknowledged post exactly once, in order; anything else would have to be a
              // refused attempt whose commit nevertheless happened (none is expected).
              assertThat(feedBodies.stream().filter(b -> !refusedBodies.contains(b)).toList())
                  .containsExactlyElementsOf(acceptedBodies);
              assertThat(feedBodies)
                  .as("refused writes that were applied anyway")
                  .hasSameSizeAs(acceptedBodies);
            });
  }

  private static List<Attempt> accepted(List<Attempt> attempts) {
    return attempts.stream().filter(a -> a.status() == 201).toList();
  }

  private static List<String> oldestFirstBodies(List<Map<String, Object>> feed) {
    List<String> bodies = new ArrayList<>();
    for (Map<String, Object> item : feed) {
      bodies.add(0, String.valueOf(item.get("body")));
    }
    return bodies;
  }

  private Attempt post(String token, UUID story, String body, boolean outage) {
    String json = "{\"headline\":\"Update\",\"body\":\"" + body + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(
                stack.ingest.baseUri().resolve("/api/v1/stories/" + story + "/updates"))
            .timeout(HANGING)
            .header("Authorization", token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Attempt(
          body,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          outage);
    } catch (HttpTimeoutException e) {
      return new Attempt(body, -1, "", "no answer within " + HANGING, outage);
    } catch (IOException e) {
      return new Attempt(body, -2, "", e.toString(), outage);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int ready(ServiceProcess service) {
    HttpRequest request =
        HttpRequest.newBuilder(service.baseUri().resolve("/q/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
