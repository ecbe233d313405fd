package news.ticker.timeline.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import news.ticker.events.Ids;
import news.ticker.timeline.Json;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.StoryScript;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /live/{slug}} over HTTP, on the real Kafka and PostgreSQL: the story as projected,
 * rendered on the server with its JSON-LD, under the page's own strict CSP; unknown slugs are 404.
 */
@QuarkusTest
class LivePageTest {

  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Newsroom newsroom = Newsroom.get();

  @Test
  void thePageShowsTheStoryAsTheFeedHasItUnderAStrictPolicy() {
    StoryScript story = new StoryScript();
    String slug = "live-" + story.storyId;
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    UUID first = story.newUpdate();
    UUID pinned = story.newUpdate();
    UUID gone = story.newUpdate();
    UUID redacted = story.newUpdate();
    UUID analysis = Ids.newId();
    story.publish(
        newsroom,
        story.open("Verkiezingen </script><b>live</b>", slug, "Politiek"),
        story.post(first, "Eerste uitslag", "<p>De <b>eerste</b> uitslag</p>", true, false, at),
        story.correct(first, "Eerste uitslagen", "<p>Juist</p>", "Een fout getal"),
        story.post(pinned, "Vast", "<p>Bovenaan</p>", false, false, at.plusSeconds(1)),
        story.pin(pinned),
        story.post(gone, "Weg", "<p>weg</p>", false, false, at.plusSeconds(2)),
        story.retract(gone),
        story.post(redacted, "Geheim", "<p>geheim</p>", false, false, at.plusSeconds(3)),
        story.redact(redacted, "Op verzoek van de rechter"),
        story.linkArticle(Ids.newId(), "Achtergrond"),
        story.attachAnalysis(analysis, "Wat de uitslag betekent", first));
    newsroom.destroyKey(story.storyId, redacted);
    Api.awaitVersion(story.storyId, story.version());

    Response response = given().accept("text/html").get("/live/{slug}", slug);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/html").contains("charset=UTF-8");
    assertThat(response.header("Content-Security-Policy")).isEqualTo(CSP);
    // The platform's edge adds its security headers, and keeps the page's own policy.
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.header("Cache-Control")).contains("max-age");
    Document page = Jsoup.parse(response.asString());

    assertThat(page.selectFirst("html").attr("lang")).isEqualTo("nl");
    assertThat(page.getElementById("story-title").text())
        .isEqualTo("Verkiezingen </script><b>live</b>");
    assertThat(page.getElementById("story-section").text()).isEqualTo("Politiek");
    assertThat(page.getElementById("story-status").attr("data-status")).isEqualTo("live");
    assertThat(page.getElementById("live").attr("data-stream-version"))
        .isEqualTo(Long.toString(story.version()));

    // Item by item what the feed API answers: newest first, the retracted one gone.
    List<String> feed =
        given().get("/api/v1/stories/{id}/updates", story.storyId).jsonPath().getList("items.id");
    assertThat(page.select("#updates article"))
        .extracting(a -> a.attr("data-update-id"))
        .containsExactlyElementsOf(feed)
        .containsExactly(redacted.toString(), pinned.toString(), first.toString());
    assertThat(page.selectFirst("#pinned article").attr("data-update-id"))
        .isEqualTo(pinned.toString());
    assertThat(page.select("#key-events li"))
        .extracting(li -> li.attr("data-update-id"))
        .containsExactly(first.toString());
    assertThat(page.getElementById("update-" + redacted).selectFirst(".redaction").text())
        .isEqualTo("Dit bericht is verwijderd. Op verzoek van de rechter");
    assertThat(page.getElementById("update-" + redacted).text()).doesNotContain("geheim");
    assertThat(page.getElementById("update-" + first).selectFirst(".correction").text())
        .isEqualTo("Correctie: Een fout getal");
    assertThat(page.getElementById("update-" + first).selectFirst(".analysis a").text())
        .isEqualTo("Lees hier de volledige analyse: Wat de uitslag betekent");
    assertThat(page.selectFirst("#related li").text()).isEqualTo("LEES: Achtergrond");

    // Google's LiveBlogPosting, inlined as data; the title's </script> did not end it.
    assertThat(page.select("script[type=module]").attr("src")).isEqualTo("/live/assets/live.js");
    JsonNode posting = Json.tree(page.selectFirst("script[type=application/ld+json]").data());
    assertThat(posting.path("@type").asText()).isEqualTo("LiveBlogPosting");
    assertThat(posting.path("headline").asText()).isEqualTo("Verkiezingen </script><b>live</b>");
    assertThat(posting.path("liveBlogUpdate")).hasSize(3);
    assertThat(posting.toString()).doesNotContain("geheim"); // redacted texts are left out
  }

  @Test
  void theScriptAndStyleSheetAreServedFromTheService() {
    Response script = given().get("/live/assets/live.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.contentType()).contains("javascript");
    assertThat(script.asString()).contains("new EventSource(");
    Response style = given().get("/live/assets/live.css");
    assertThat(style.statusCode()).isEqualTo(200);
    assertThat(style.contentType()).startsWith("text/css");
  }

  @Test
  void thePageIsNotAnOperationOfTheJsonApi() {
    // Generated clients of the timeline's API have no use for an HTML page.
    assertThat(given().accept("application/json").get("/q/openapi").jsonPath().getMap("paths"))
        .isNotEmpty()
        .doesNotContainKey("/live/{slug}");
  }

  @Test
  void anUnknownSlugIsA404PageOrAProblemForJsonClients() {
    Response html = given().accept("text/html").get("/live/{slug}", "no-such-story-" + Ids.newId());
    assertThat(html.statusCode()).isEqualTo(404);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.header("Content-Security-Policy")).isEqualTo(CSP);
    assertThat(html.header("Cache-Control")).isEqualTo("no-store");
    assertThat(Jsoup.parse(html.asString()).selectFirst("h1").text())
        .isEqualTo("Live page not found");

    Response json = given().accept("application/json").get("/live/{slug}", "no-such-story");
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.contentType()).startsWith("application/problem+json");
    assertThat(json.jsonPath().getInt("status")).isEqualTo(404);
    assertThat(json.jsonPath().getString("type")).endsWith("/not-found");
    assertThat(json.header("Cache-Control")).isEqualTo("no-store");

    // Not a slug at all: no read, the same 404.
    Response malformed = given().accept("text/html").get("/live/{slug}", "Not_A-Slug");
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(malformed.contentType()).startsWith("text/html");
  }
}
