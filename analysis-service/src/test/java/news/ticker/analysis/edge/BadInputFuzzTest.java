package news.ticker.analysis.edge;

import static news.ticker.analysis.edge.AccessMatrixTest.base;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.devstack.testing.BadJson.Kind.LIST;
import static news.ticker.devstack.testing.BadJson.Kind.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.ticker.analysis.testing.Analyses;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.BadJson;
import news.ticker.devstack.testing.BadJson.Kind;
import news.ticker.devstack.testing.HttpChecks;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.devstack.testing.XssVectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint of analysis with a body against generated bad input (devstack's {@link
 * BadJson}, fixed seed): never a 5xx; every 4xx problem+json naming the field at fault where there
 * is one; nothing stored for a refused request; the service still accepts a valid request
 * afterwards. The body gets the OWASP vectors ({@link XssVectors}): read back, what was accepted
 * holds nothing a browser could execute. And ten concurrent creates with one Idempotency-Key create
 * one analysis.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class BadInputFuzzTest {

  private static final long SEED = 20_261_127L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A write endpoint ("METHOD path"), a valid body to mutate and the role allowed to send it. */
  private record Target(String request, Map<String, Object> valid, String role) {}

  static StoryFeed feed;

  @BeforeAll
  static void connect() {
    feed = StoryFeed.connect();
  }

  @Test
  void badBodiesAreRefusedCleanlyAndChangeNothing() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    UUID analysisId = Analyses.createDraft(story.id());

    Map<String, Object> create = new LinkedHashMap<>();
    create.put("storyId", story.id().toString());
    create.put("title", "Waarom de dijken hielden");
    create.put("standfirst", "Dertig jaar investeren");
    create.put("body", "<p>Toen het water steeg</p>");
    create.put("authors", List.of("Anna de Vries"));
    create.put("language", "nl");
    Map<String, Object> revise = new LinkedHashMap<>(create);
    revise.remove("storyId");

    UUID redactable = Analyses.createDraft(story.id());
    Map<String, Object> redact = new LinkedHashMap<>();
    redact.put("reason", "Gerechtelijk bevel");

    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (Target target :
        List.of(
            new Target("POST /api/v1/analyses", create, "analyst"),
            new Target("PUT /api/v1/analyses/" + analysisId, revise, "analyst"),
            new Target("POST /api/v1/analyses/" + redactable + "/redact", redact, "admin"))) {
      String[] request = target.request().split(" ");
      for (BadJson.Input input : BadJson.mutations(target.valid(), kinds(target.valid()), SEED)) {
        long before = stored();
        HttpResponse<String> response =
            HttpChecks.sendBytes(
                base(),
                request[0],
                request[1],
                Map.of(
                    "Authorization",
                    TestTokens.bearer(target.role()),
                    "Content-Type",
                    "application/json"),
                input.body());
        sent++;
        failures.addAll(BadJson.failures(target.request() + ": " + input, input, response));
        if (response.statusCode() >= 400 && stored() != before) {
          failures.add(target.request() + ": " + input + ": refused but stored");
        }
      }
    }
    assertThat(sent).isGreaterThan(40);
    assertThat(failures).isEmpty();
    assertThat(Analyses.createDraft(story.id())).isNotNull();
  }

  @Test
  void acceptedHtmlHoldsNoScriptWhenReadBack() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    for (String vector : XssVectors.all()) {
      Map<String, Object> draft = Analyses.draft(story.id());
      draft.put("body", vector + "<p>tekst</p>");
      draft.put("standfirst", vector);
      HttpResponse<String> created =
          HttpChecks.send(
              base(),
              "POST",
              "/api/v1/analyses",
              Map.of(
                  "Authorization",
                  TestTokens.bearer("analyst"),
                  "Content-Type",
                  "application/json"),
              write(draft));
      if (created.statusCode() >= 500
          || created.statusCode() >= 400 && !HttpChecks.isProblem(created)) {
        failures.add(vector + ": " + created.statusCode() + " " + created.body());
        continue;
      }
      if (created.statusCode() != 201) {
        continue;
      }
      accepted++;
      JsonNode read =
          json(
              HttpChecks.send(
                      base(),
                      "GET",
                      "/api/v1/analyses/" + json(created.body()).path("id").asText(),
                      Map.of("Authorization", TestTokens.bearer("analyst")),
                      null)
                  .body());
      for (String field : List.of("title", "standfirst", "body")) {
        failures.addAll(XssVectors.dangers(read.path(field).asText(null)));
      }
    }
    assertThat(accepted).isPositive();
    assertThat(failures).isEmpty();
  }

  @Test
  void tenConcurrentCreatesWithOneIdempotencyKeyCreateOneAnalysis() throws Exception {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    String key = "concurrent-" + UUID.randomUUID();
    String body = write(Analyses.draft(story.id()));
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<HttpResponse<String>> responses = new ArrayList<>();
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(
            pool.submit(
                () ->
                    HttpChecks.send(
                        base(),
                        "POST",
                        "/api/v1/analyses",
                        Map.of(
                            "Authorization",
                            TestTokens.bearer("analyst"),
                            "Content-Type",
                            "application/json",
                            "Idempotency-Key",
                            key),
                        body)));
      }
      for (Future<HttpResponse<String>> future : futures) {
        responses.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> ids = new ArrayList<>();
    for (HttpResponse<String> response : responses) {
      // A duplicate that arrives while the first is still being written may be told to retry.
      if (response.statusCode() == 409) {
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        continue;
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      ids.add(json(response.body()).path("id").asText());
    }
    assertThat(ids).isNotEmpty().containsOnly(ids.get(0));
    assertThat(count("select count(*) from analysis where story_id = ?", story.id())).isEqualTo(1);
  }

  private static Map<String, Kind> kinds(Map<String, Object> valid) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    valid.forEach((field, value) -> kinds.put(field, value instanceof List<?> ? LIST : STRING));
    return kinds;
  }

  /** Analyses, revisions and outbox rows: what any accepted write adds. */
  private static long stored() {
    return count(
        "select (select count(*) from analysis) + (select count(*) from analysis_revision)"
            + " + (select count(*) from ticker_outbox) where ?::uuid is null",
        null);
  }

  private static long count(String sql, UUID parameter) {
    Config config = ConfigProvider.getConfig();
    try (Connection conn =
            DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        PreparedStatement statement = conn.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
