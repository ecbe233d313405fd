package news.ticker.ingest.edge;

import static news.ticker.devstack.testing.BadJson.Kind.BOOLEAN;
import static news.ticker.devstack.testing.BadJson.Kind.LIST;
import static news.ticker.devstack.testing.BadJson.Kind.STRING;
import static news.ticker.ingest.edge.AccessMatrixTest.base;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.BadJson;
import news.ticker.devstack.testing.BadJson.Kind;
import news.ticker.devstack.testing.HttpChecks;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.devstack.testing.XssVectors;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint of ingest against generated bad input (devstack's {@link BadJson}, fixed
 * seed): never a 5xx; every 4xx is problem+json naming the field at fault where there is one;
 * nothing is stored for a refused request; the service still accepts a valid request afterwards.
 * HTML fields get the OWASP vectors ({@link XssVectors}): what is accepted holds no script, event
 * handler or javascript: URL when read back from the published events.
 */
@QuarkusTest
class BadInputFuzzTest {

  private static final long SEED = 20_261_127L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Target(
      String method,
      String path,
      String role,
      Map<String, Object> valid,
      Map<String, Kind> kinds) {}

  @Test
  void badBodiesAreRefusedCleanlyAndChangeNothing() {
    UUID storyId = Newsroom.openStory("Fuzz");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Eerste</p>");
    UUID redactable = Newsroom.postUpdate(storyId, "<p>Tweede</p>");
    UUID articleId = publishArticle();
    String story = "/api/v1/stories/" + storyId;
    String update = story + "/updates/" + updateId;

    Map<String, Object> open = new LinkedHashMap<>();
    open.put("title", "Live: fuzz");
    open.put("slug", "fuzz-" + UUID.randomUUID());
    open.put("section", "Binnenland");
    open.put("language", "nl");
    open.put("summary", "Samenvatting");
    open.put("tags", List.of("a"));
    open.put("canonicalUrl", "https://nos.nl/live/fuzz");
    open.put("coverageStartTime", "2025-03-19T07:00:00Z");
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("body", "<p>Update</p>");
    post.put("headline", "Kop");
    post.put("authors", List.of("Anna"));
    post.put("keyEvent", false);
    post.put("pinned", false);
    post.put("publishedAt", "2025-03-19T21:14:00Z");
    Map<String, Object> article = new LinkedHashMap<>();
    article.put("headline", "Artikel");
    article.put("url", "https://nos.nl/artikel/" + UUID.randomUUID());
    article.put("standfirst", "Inleiding");
    article.put("section", "Politiek");
    article.put("publishedAt", "2025-03-19T21:14:00Z");

    List<Target> targets =
        List.of(
            new Target("POST", "/api/v1/stories", "editor", open, kinds(open)),
            new Target(
                "PATCH",
                story,
                "editor",
                Map.of("title", "Nieuwe kop", "summary", "s", "tags", List.of("b")),
                Map.of("title", STRING, "summary", STRING, "tags", LIST)),
            new Target("POST", story + "/updates", "reporter", post, kinds(post)),
            new Target(
                "PUT",
                update,
                "reporter",
                Map.of("body", "<p>Bewerkt</p>", "headline", "Kop", "authors", List.of("Anna")),
                Map.of("body", STRING, "headline", STRING, "authors", LIST)),
            new Target("POST", "/api/v1/articles", "editor", article, kinds(article)),
            new Target(
                "PATCH",
                "/api/v1/articles/" + articleId,
                "editor",
                Map.of("headline", "Herzien", "standfirst", "Nieuw"),
                Map.of("headline", STRING, "standfirst", STRING)),
            new Target(
                "POST",
                story + "/updates/" + redactable + "/redact",
                "admin",
                Map.of("reason", "Gerechtelijk bevel"),
                Map.of("reason", STRING)),
            // Last: a successful close or retraction would end the story's other writes.
            new Target(
                "DELETE", update, "editor", Map.of("reason", "Onjuist"), Map.of("reason", STRING)),
            new Target(
                "POST",
                story + "/close",
                "editor",
                Map.of("coverageEndTime", "2030-01-01T00:00:00Z"),
                Map.of("coverageEndTime", STRING)));

    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (Target target : targets) {
      for (BadJson.Input input : BadJson.mutations(target.valid(), target.kinds(), SEED)) {
        if (target.path().endsWith("/close") && !input.mustRefuse()) {
          continue; // an accepted close would refuse every later write to the story
        }
        long eventsBefore = Database.count("event_store", "true");
        HttpResponse<String> response =
            HttpChecks.sendBytes(
                base(),
                target.method(),
                target.path(),
                Map.of(
                    "Authorization",
                    TestTokens.bearer(target.role()),
                    "Content-Type",
                    "application/json"),
                input.body());
        sent++;
        failures.addAll(
            BadJson.failures(
                target.method() + " " + target.path() + ": " + input, input, response));
        if (response.statusCode() >= 400 && Database.count("event_store", "true") != eventsBefore) {
          failures.add(
              target.method() + " " + target.path() + ": " + input + ": refused but stored");
        }
      }
    }
    assertThat(sent).isGreaterThan(150);
    assertThat(failures).isEmpty();

    UUID after = Newsroom.openStory("Na de fuzz");
    assertThat(Newsroom.postUpdate(after, "<p>Nog steeds in dienst</p>")).isNotNull();
    assertThat(Database.version(after)).isEqualTo(2);
  }

  @Test
  void badImportLinesAreReportedOrRefusedAndStoreNothing() {
    UUID storyId = Newsroom.openStory("Fuzz import");
    String path = "/api/v1/stories/" + storyId + "/updates:import";
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("sourceId", "s1");
    line.put("body", "<p>x</p>");
    line.put("headline", "Kop");
    line.put("authors", List.of("Anna"));
    line.put("publishedAt", "2025-03-19T21:14:00Z");
    line.put("keyEvent", false);
    line.put("pinned", false);
    List<String> failures = new ArrayList<>();
    for (BadJson.Input input : BadJson.mutations(line, kinds(line), SEED)) {
      if (!input.mustRefuse()) {
        continue;
      }
      byte[] body =
          new String(input.body(), StandardCharsets.ISO_8859_1)
              .replace("\n", " ")
              .getBytes(StandardCharsets.ISO_8859_1);
      HttpResponse<String> response =
          HttpChecks.sendBytes(
              base(),
              "POST",
              path,
              Map.of(
                  "Authorization",
                  TestTokens.bearer("editor"),
                  "Content-Type",
                  "application/x-ndjson"),
              body);
      if (response.statusCode() >= 500) {
        failures.add(input + ": " + response.statusCode() + " " + response.body());
      } else if (response.statusCode() >= 400 && !HttpChecks.isProblem(response)) {
        failures.add(input + ": " + response.statusCode() + " is not problem+json");
      }
    }
    assertThat(failures).isEmpty();
    assertThat(Database.version(storyId)).isEqualTo(1);
  }

  @Test
  void badPathsAndHeadersAreProblemsToo() {
    UUID storyId = Newsroom.openStory("Fuzz paden");
    List<String> ids =
        List.of(
            "not-a-uuid",
            "%00",
            "x".repeat(3_000),
            "%F0%9F%92%A9",
            "..%2F..%2Fetc%2Fpasswd",
            "%E2%80%AE" + UUID.randomUUID(),
            "%27%20or%201%3D1%20--");
    List<String> failures = new ArrayList<>();
    Map<String, String> reporter =
        Map.of("Authorization", TestTokens.bearer("reporter"), "Content-Type", "application/json");
    for (String id : ids) {
      for (String path :
          List.of(
              "/api/v1/stories/" + id + "/updates",
              "/api/v1/stories/" + storyId + "/updates/" + id)) {
        String method = path.endsWith("/updates") ? "POST" : "PUT";
        HttpResponse<String> response =
            HttpChecks.send(base(), method, path, reporter, "{\"body\":\"<p>x</p>\"}");
        if (response.statusCode() < 400
            || response.statusCode() >= 500
            || !HttpChecks.isProblem(response)) {
          failures.add(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
      }
    }
    Map<String, String> badHeaders = new LinkedHashMap<>();
    badHeaders.put("If-Match", "\"not-a-version\"");
    badHeaders.put("Idempotency-Key", "k".repeat(5_000));
    for (var header : badHeaders.entrySet()) {
      Map<String, String> headers = new LinkedHashMap<>(reporter);
      headers.put(header.getKey(), header.getValue());
      HttpResponse<String> response =
          HttpChecks.send(
              base(),
              "POST",
              "/api/v1/stories/" + storyId + "/updates",
              headers,
              "{\"body\":\"<p>x</p>\"}");
      if (response.statusCode() < 400
          || response.statusCode() >= 500
          || !HttpChecks.isProblem(response)) {
        failures.add(header.getKey() + ": " + response.statusCode() + " " + response.body());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(Database.version(storyId)).isEqualTo(1);
  }

  /**
   * A path id that is not a UUID is a 400 {@code invalid-parameter} naming the parameter, on every
   * ingest path that carries one, as in the other services (platform {@code Params}).
   */
  @Test
  void aPathIdThatIsNoUuidIs400NamingTheParameter() {
    UUID storyId = Newsroom.openStory("Fuzz ids");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Eerste</p>");
    String bad = "not-a-uuid";
    String story = "/api/v1/stories/";
    List<List<String>> cases =
        List.of(
            List.of("PATCH", story + bad, "storyId"),
            List.of("POST", story + bad + "/close", "storyId"),
            List.of("POST", story + bad + "/updates", "storyId"),
            List.of("POST", story + bad + "/updates:import", "storyId"),
            List.of("PUT", story + bad + "/updates/" + updateId, "storyId"),
            List.of("PUT", story + storyId + "/updates/" + bad, "updateId"),
            List.of("DELETE", story + storyId + "/updates/" + bad, "updateId"),
            List.of("POST", story + storyId + "/updates/" + bad + "/redact", "updateId"),
            List.of("PUT", story + storyId + "/updates/" + bad + "/pin", "updateId"),
            List.of("DELETE", story + storyId + "/updates/" + bad + "/pin", "updateId"),
            List.of("PUT", story + storyId + "/updates/" + bad + "/key-event", "updateId"),
            List.of("DELETE", story + storyId + "/updates/" + bad + "/key-event", "updateId"),
            List.of("PUT", story + storyId + "/related/" + bad, "articleId"),
            List.of("DELETE", story + bad + "/related/" + UUID.randomUUID(), "storyId"),
            List.of("PATCH", "/api/v1/articles/" + bad, "articleId"));
    List<String> failures = new ArrayList<>();
    for (List<String> c : cases) {
      String contentType =
          c.get(1).endsWith(":import") ? "application/x-ndjson" : "application/json";
      HttpResponse<String> response =
          HttpChecks.send(
              base(),
              c.get(0),
              c.get(1),
              Map.of("Authorization", TestTokens.bearer("admin"), "Content-Type", contentType),
              "{}");
      String expected = "\"type\":\"https://ticker.news/problems/invalid-parameter\"";
      if (response.statusCode() != 400
          || !HttpChecks.isProblem(response)
          || !response.body().contains(expected)
          || !response.body().contains("\"field\":\"" + c.get(2) + "\"")) {
        failures.add(
            c.get(0) + " " + c.get(1) + ": " + response.statusCode() + " " + response.body());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  @Test
  void acceptedHtmlHoldsNoScriptWhenReadBack() {
    UUID storyId = Newsroom.openStory("XSS");
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    for (String vector : XssVectors.all()) {
      Map<String, Object> post = Map.of("body", vector + "<p>tekst</p>", "headline", vector);
      HttpResponse<String> response =
          HttpChecks.send(
              base(),
              "POST",
              "/api/v1/stories/" + storyId + "/updates",
              Map.of(
                  "Authorization",
                  TestTokens.bearer("reporter"),
                  "Content-Type",
                  "application/json"),
              write(post));
      if (response.statusCode() == 201) {
        accepted++;
      } else if (response.statusCode() >= 500 || !HttpChecks.isProblem(response)) {
        failures.add(vector + ": " + response.statusCode() + " " + response.body());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(accepted).isPositive();

    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 1 + accepted);
    for (EventEnvelope envelope : events.subList(1, events.size())) {
      UpdatePosted posted = Published.data(envelope, UpdatePosted.class);
      failures.addAll(XssVectors.dangers(Published.open(posted.body())));
      failures.addAll(XssVectors.dangers(Published.open(posted.headline())));
    }
    assertThat(failures).isEmpty();
  }

  private static Map<String, Kind> kinds(Map<String, Object> valid) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    valid.forEach(
        (field, value) ->
            kinds.put(
                field,
                value instanceof List<?> ? LIST : value instanceof Boolean ? BOOLEAN : STRING));
    return kinds;
  }

  private static UUID publishArticle() {
    HttpResponse<String> response =
        HttpChecks.send(
            base(),
            "POST",
            "/api/v1/articles",
            Map.of(
                "Authorization", TestTokens.bearer("editor"), "Content-Type", "application/json"),
            write(
                Map.of(
                    "headline",
                    "Achtergrond",
                    "url",
                    "https://nos.nl/artikel/" + UUID.randomUUID())));
    assertThat(response.statusCode()).isEqualTo(201);
    try {
      return UUID.fromString(JSON.readTree(response.body()).path("id").asText());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
