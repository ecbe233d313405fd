package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The reference live page ({@code GET /live/{slug}} of the timeline) in a real browser, on the real
 * stack: Debian's Chromium, headless, driven through Debian's chromedriver (both named explicitly,
 * so Selenium Manager never downloads anything). The page is opened once and never reloaded; each
 * change type a reader can see (every one of the timeline's but {@code story-opened}) is made
 * through the newsroom's API and must appear on the page within {@link #BOUND} (the figures are
 * printed). Then the timeline is killed: the page reconnects by itself, resumes after the last
 * version it applied, shows what was posted meanwhile once, and equals the feed API item by item. A
 * screenshot is left in {@code target/browser/}.
 *
 * <p>Not part of {@code ./mvnw verify}: {@code checks/browser.sh} runs it (Maven profile {@code
 * browser}).
 */
class LivePageBrowserIT {

  /** How long any change may take from the API call to the reader's screen. */
  private static final Duration BOUND = Duration.ofSeconds(3);

  private static final Duration SETUP = Duration.ofSeconds(60);

  /** Updates older than the eight the test changes: with them the feed is longer than a page. */
  private static final int OLDER = 14;

  private final SystemStack stack = SystemStack.get();
  private final Steps steps = new Steps("LivePageBrowserIT");
  private final Map<String, Duration> timings = new LinkedHashMap<>();
  private ChromeDriver browser;

  @BeforeEach
  void startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("browser.binary", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(System.getProperty("browser.driver", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterEach
  void quitBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void everyChangeAppearsLiveAndAResumedPageEqualsTheFeed() throws Exception {
    String editor = stack.bearer("editor");
    String admin = stack.bearer("admin");
    String slug = "live-page-" + UUID.randomUUID().toString().substring(0, 8);
    UUID story = openStory(editor, slug);
    Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    // More than the first page holds (20): the oldest come through "Older updates".
    for (int i = 0; i < OLDER; i++) {
      post(
          editor,
          story,
          "Eerder " + (i + 1),
          "<p>Eerder bericht.</p>",
          start.minusSeconds(60L * (OLDER - i)));
    }
    List<UUID> seeded = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      seeded.add(
          post(editor, story, "Update " + (i + 1), paragraphs(i + 1), start.plusSeconds(600L * i))
              .id());
    }
    UUID article =
        Api.publishArticle(
            stack.ingest,
            editor,
            "Wat we weten over de aanval",
            "https://news.example/artikel/aanval");
    long version = Api.linkArticle(stack.ingest, editor, story, article);
    // Created now, published later: publishing it is the change the page must show.
    UUID anchor = seeded.get(6);
    String analysis = createAnalysis(editor, story, anchor);
    Api.awaitLastVersion(stack.timeline, story, version, SETUP);

    browser.get(stack.timeline.baseUri() + "/live/" + slug);
    await("the page's stream is open")
        .atMost(SETUP)
        .until(() -> "open".equals(js("return document.getElementById('live').dataset.stream")));
    steps.log("page open at version %d: %s", version, browser.getCurrentUrl());

    // Rendered on the server, under its CSP: the style sheet and the module loaded from the page's
    // own origin (the module localised the times the server wrote in UTC).
    assertThat(js("return document.documentElement.lang")).isEqualTo("nl");
    assertThat(browser.findElement(By.id("story-title")).getText())
        .isEqualTo("Live: Rusland valt Oekraïne binnen");
    assertThat(browser.findElement(By.id("story-status")).getText()).isEqualToIgnoringCase("Live");
    assertThat(js("return getComputedStyle(document.getElementById('live')).maxWidth"))
        .isEqualTo("736px");
    assertThat(js("return document.querySelector('#updates time').textContent"))
        .asString()
        .doesNotContain("UTC");
    assertThat(browser.findElement(By.cssSelector("#related li")).getText())
        .isEqualTo("LEES: Wat we weten over de aanval");
    // The feed's first page (the rest comes through the cursor, below).
    assertThat(feedIds())
        .isEqualTo(
            Api.at(stack.timeline)
                .get("/api/v1/stories/{story}/updates", story)
                .jsonPath()
                .getList("items.id", String.class));

    // Each change through the API, each on the page without a reload.
    UUID posted =
        timed(
            "update posted",
            () ->
                post(editor, story, "Nieuw: de eerste sancties", "<p>De EU kondigt aan.</p>", null)
                    .id(),
            id ->
                id.toString()
                    .equals(
                        js("return document.querySelector('#updates article').dataset.updateId")));
    UUID edited = seeded.get(5);
    timed(
        "update edited",
        () ->
            Api.edit(stack.ingest, editor, story, edited, "<p>Bijgewerkt: 40 doden.</p>", null)
                .then()
                .statusCode(200),
        ignored -> "Bijgewerkt: 40 doden.".equals(text("#update-" + edited + " .body")));
    UUID corrected = seeded.get(4);
    timed(
        "update corrected",
        () ->
            Api.edit(
                    stack.ingest,
                    editor,
                    story,
                    corrected,
                    "<p>Het waren er 43.</p>",
                    "Eerder stond hier 38.")
                .then()
                .statusCode(200),
        ignored ->
            "Correctie: Eerder stond hier 38."
                .equals(text("#update-" + corrected + " .correction")));
    UUID retracted = seeded.get(3);
    timed(
        "update retracted",
        () ->
            Api.retract(stack.ingest, editor, story, retracted, "Bron onbetrouwbaar")
                .then()
                .statusCode(200),
        ignored -> count("[data-update-id='" + retracted + "']") == 0);
    UUID pinned = seeded.get(2);
    timed(
        "update pinned",
        () -> Api.pin(stack.ingest, editor, story, pinned),
        ignored ->
            pinned
                .toString()
                .equals(js("return document.querySelector('#pinned article')?.dataset.updateId")));
    assertThat(top("#pinned article")).isLessThan(top("#updates article"));
    UUID keyEvent = seeded.get(1);
    timed(
        "key event marked",
        () ->
            Api.at(stack.ingest)
                .header("Authorization", editor)
                .put("/api/v1/stories/{story}/updates/{update}/key-event", story, keyEvent)
                .then()
                .statusCode(200),
        ignored -> count("#key-events li[data-update-id='" + keyEvent + "']") == 1);
    timed(
        "analysis attached",
        () ->
            Api.at(stack.analysis)
                .header("Authorization", editor)
                .post("/api/v1/analyses/{id}/publish", analysis)
                .then()
                .statusCode(200),
        ignored ->
            Objects.toString(text("#update-" + anchor + " .analysis"), "")
                .startsWith("Lees hier de volledige analyse: Wat de sancties betekenen"));
    UUID redacted = seeded.get(0);
    timed(
        "update redacted",
        () -> Api.redact(stack.ingest, admin, story, redacted, "Op verzoek van de rechter"),
        ignored ->
            "Dit bericht is verwijderd. Op verzoek van de rechter"
                .equals(text("#update-" + redacted + " .redaction")));

    // The other change types, each undoing or adding to what the page shows.
    timed(
        "story changed",
        () ->
            Api.at(stack.ingest)
                .header("Authorization", editor)
                .body(Map.of("summary", "De Russische invasie, dag 1."))
                .patch("/api/v1/stories/{story}", story)
                .then()
                .statusCode(200),
        ignored -> "De Russische invasie, dag 1.".equals(text("#story-summary")));
    assertThat(browser.findElement(By.id("story-title")).getText())
        .as("a change of the summary keeps the title")
        .isEqualTo("Live: Rusland valt Oekraïne binnen");
    UUID second =
        Api.publishArticle(
            stack.ingest, editor, "Kaart: de opmars", "https://news.example/artikel/kaart");
    timed(
        "related article linked",
        () -> Api.linkArticle(stack.ingest, editor, story, second),
        ignored ->
            "LEES: Kaart: de opmars".equals(text("#related li[data-article-id='" + second + "']")));
    timed(
        "related article unlinked",
        () ->
            Api.at(stack.ingest)
                .header("Authorization", editor)
                .delete("/api/v1/stories/{story}/related/{article}", story, second)
                .then()
                .statusCode(200),
        ignored -> count("#related li[data-article-id='" + second + "']") == 0);
    UUID marked = seeded.get(7);
    keyEvent(editor, story, marked, true);
    await()
        .atMost(BOUND)
        .until(() -> count("#key-events li[data-update-id='" + marked + "']") == 1);
    timed(
        "key event unmarked",
        () -> keyEvent(editor, story, marked, false),
        ignored -> count("#key-events li[data-update-id='" + marked + "']") == 0);
    timed(
        "update unpinned",
        () ->
            Api.at(stack.ingest)
                .header("Authorization", editor)
                .delete("/api/v1/stories/{story}/updates/{update}/pin", story, pinned)
                .then()
                .statusCode(200),
        ignored -> count("#pinned article") == 0);
    Api.pin(stack.ingest, editor, story, pinned);
    await().atMost(BOUND).until(() -> count("#pinned article") == 1);
    String withdrawn = createAnalysis(editor, story, marked);
    analysisAction(editor, withdrawn, "publish");
    await().atMost(BOUND).until(() -> count(teaser(withdrawn)) == 1);
    timed(
        "analysis detached",
        () -> analysisAction(editor, withdrawn, "unpublish"),
        ignored -> count(teaser(withdrawn)) == 0);
    String redactedAnalysis = createAnalysis(editor, story, posted);
    analysisAction(editor, redactedAnalysis, "publish");
    await().atMost(BOUND).until(() -> count(teaser(redactedAnalysis)) == 1);
    timed(
        "analysis attachment redacted",
        () ->
            Api.at(stack.analysis)
                .header("Authorization", admin)
                .body(Map.of("reason", "Bron beschermd"))
                .post("/api/v1/analyses/{id}/redact", redactedAnalysis)
                .then()
                .statusCode(200),
        ignored -> "Bron beschermd".equals(text(teaser(redactedAnalysis) + " .redaction")));

    // A reader scrolled down is offered the new update, and screen readers hear it.
    js("window.scrollTo(0, document.documentElement.scrollHeight)");
    await()
        .atMost(BOUND)
        .until(
            () ->
                ((Number)
                            js(
                                "return document.getElementById('updates').getBoundingClientRect().top"))
                        .doubleValue()
                    < 0);
    UUID whileDown =
        timed(
            "update posted, reader scrolled down",
            () ->
                post(editor, story, "Kiev: luchtalarm", "<p>Het alarm klinkt opnieuw.</p>", null)
                    .id(),
            id -> "1 nieuwe update".equals(visibleText("new-updates")));
    assertThat(text("#announcer")).isEqualTo("Nieuwe update: Kiev: luchtalarm");
    browser.findElement(By.id("new-updates")).click();
    await("the button brings the reader to the newest update")
        .atMost(BOUND)
        .until(() -> visibleText("new-updates") == null && top("#updates article") >= -1);
    assertThat(js("return document.querySelector('#updates article').dataset.updateId"))
        .isEqualTo(whileDown.toString());

    // The connection drops: the timeline is killed and started again. The browser reconnects by
    // itself with Last-Event-ID and the page applies only what it had not seen.
    stack.timeline.kill();
    await("the page noticed the drop")
        .atMost(SETUP)
        .until(
            () ->
                "reconnecting".equals(js("return document.getElementById('live').dataset.stream")));
    Api.Written during =
        post(
            editor,
            story,
            "Tijdens de storing",
            "<p>Gepost terwijl de pagina zijn stroom kwijt was.</p>",
            null);
    UUID duringDrop = during.id();
    steps.log("timeline killed; posted %s meanwhile; restarting it", duringDrop);
    stack.timeline.start();
    long ready = System.nanoTime();
    // The restarted timeline first takes its partitions back (the killed consumer's session has to
    // expire) and projects what it missed; that is the projection's time, not the page's. The
    // page's
    // part is timed from the moment the change is in the timeline's change log.
    await("the timeline projected the update posted during the drop")
        .atMost(SETUP)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Api.versions(Api.changes(stack.timeline, story, during.version() - 1))
                    .contains(during.version()));
    Duration projected = Duration.ofNanos(System.nanoTime() - ready);
    timed(
        "update posted during the drop (from projected)",
        () -> duringDrop,
        id -> count("[data-update-id='" + id + "']") > 0);
    timings.put(
        "  the same, from the restarted timeline's readiness",
        Duration.ofNanos(System.nanoTime() - ready));
    steps.log("projected %d ms after the timeline was ready", projected.toMillis());
    await()
        .atMost(BOUND)
        .until(() -> "open".equals(js("return document.getElementById('live').dataset.stream")));

    // The oldest updates, through the feed's cursor.
    List<Map<String, Object>> feed = Api.feed(stack.timeline, story);
    assertThat(count("#updates article")).isLessThan(feed.size());
    browser.findElement(By.id("older")).click();
    await("older updates loaded")
        .atMost(BOUND)
        .until(() -> count("#updates article") == feed.size() && visibleText("older") == null);

    // No duplicate, and the page is the feed, item by item, at the change log's last version.
    List<Long> versions = Api.versions(Api.changes(stack.timeline, story, 0));
    long last = versions.get(versions.size() - 1);
    await("the page reached the last version")
        .atMost(BOUND)
        .until(
            () ->
                Long.toString(last)
                    .equals(js("return document.getElementById('live').dataset.streamVersion")));
    List<String> shown = feedIds();
    assertThat(new HashSet<>(shown)).hasSameSizeAs(shown);
    assertThat(shown).isEqualTo(Api.ids(feed)).contains(posted.toString(), duringDrop.toString());
    assertThat(shown).doesNotContain(retracted.toString());
    for (Map<String, Object> item : feed) {
      assertThat(shownItem(item.get("id").toString()))
          .as("update %s", item.get("id"))
          .isEqualTo(expectedItem(item));
    }
    assertThat(js("return document.querySelector('#pinned article').dataset.updateId"))
        .isEqualTo(pinned.toString());

    js("window.scrollTo(0, 0)");
    Path screenshot = screenshot("live-page.png");
    timed(
        "story closed",
        () ->
            Api.at(stack.ingest)
                .header("Authorization", editor)
                .post("/api/v1/stories/{story}/close", story)
                .then()
                .statusCode(200),
        ignored ->
            "closed".equals(js("return document.getElementById('story-status').dataset.status")));
    timings.forEach(
        (change, took) -> System.out.printf("live page: %-50s %5d ms%n", change, took.toMillis()));
    steps.log("screenshot: %s", screenshot);
  }

  // ---- The story ----

  private UUID openStory(String editor, String slug) {
    Response response =
        Api.at(stack.ingest)
            .header("Authorization", editor)
            .body(
                Map.of(
                    "title", "Live: Rusland valt Oekraïne binnen",
                    "slug", slug,
                    "section", "Buitenland",
                    "language", "nl",
                    "summary", "Rusland is Oekraïne binnengevallen. Volg het laatste nieuws hier."))
            .post("/api/v1/stories");
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  private Api.Written post(String editor, UUID story, String headline, String body, Instant at) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("headline", headline);
    request.put("body", body);
    request.put("authors", List.of("Anna de Vries"));
    if (at != null) {
      request.put("publishedAt", at.toString());
    }
    Response response =
        Api.at(stack.ingest)
            .header("Authorization", editor)
            .body(request)
            .post("/api/v1/stories/{story}/updates", story);
    response.then().statusCode(201);
    return new Api.Written(
        UUID.fromString(response.jsonPath().getString("id")),
        response.jsonPath().getLong("version"));
  }

  private static String paragraphs(int n) {
    return ("<p>Bericht " + n + ". " + "Troepen trekken de grens over. ".repeat(12) + "</p>")
        .repeat(2);
  }

  private String createAnalysis(String editor, UUID story, UUID anchor) {
    Response created =
        Api.createAnalysis(
            stack.analysis,
            editor,
            Map.of(
                "storyId",
                story.toString(),
                "language",
                "nl",
                "updateId",
                anchor.toString(),
                "title",
                "Wat de sancties betekenen",
                "standfirst",
                "De gevolgen voor de Russische economie.",
                "body",
                "<p>" + "Een lange analyse. ".repeat(400) + "</p>"));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    return created.jsonPath().getString("id");
  }

  private Object keyEvent(String editor, UUID story, UUID update, boolean marked) {
    var request = Api.at(stack.ingest).header("Authorization", editor);
    String path = "/api/v1/stories/{story}/updates/{update}/key-event";
    (marked ? request.put(path, story, update) : request.delete(path, story, update))
        .then()
        .statusCode(200);
    return update;
  }

  /** {@code publish} or {@code unpublish} an analysis, as its editor. */
  private Object analysisAction(String editor, String analysis, String action) {
    Api.at(stack.analysis)
        .header("Authorization", editor)
        .post("/api/v1/analyses/{id}/" + action, analysis)
        .then()
        .statusCode(200);
    return analysis;
  }

  private static String teaser(String analysis) {
    return "aside[data-analysis-id='" + analysis + "']";
  }

  // ---- Timing ----

  /**
   * Makes a change and waits until the page shows it, at most {@link #BOUND}; records how long that
   * took from the call that made it.
   */
  private <T> T timed(String change, Callable<T> action, Check<T> shown) throws Exception {
    long began = System.nanoTime();
    T result = action.call();
    await(change)
        .atMost(BOUND)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> shown.test(result));
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    timings.put(change, took);
    steps.log("%s: on the page after %d ms", change, took.toMillis());
    return result;
  }

  /** A condition on the page, given what the change returned. */
  @FunctionalInterface
  private interface Check<T> {
    boolean test(T result) throws Exception;
  }

  // ---- The page ----

  private Object js(String script, Object... args) {
    return browser.executeScript(script, args);
  }

  /** The text of the first element matching {@code selector}, or null. */
  private String text(String selector) {
    return (String)
        js("return document.querySelector(arguments[0])?.textContent?.trim() ?? null", selector);
  }

  /** The text of the element with this id while it is shown, or null when hidden. */
  private String visibleText(String id) {
    return (String)
        js(
            "const e = document.getElementById(arguments[0]); return e.hidden ? null : e.textContent",
            id);
  }

  private long count(String selector) {
    return ((Number) js("return document.querySelectorAll(arguments[0]).length", selector))
        .longValue();
  }

  private double top(String selector) {
    return ((Number)
            js("return document.querySelector(arguments[0]).getBoundingClientRect().top", selector))
        .doubleValue();
  }

  @SuppressWarnings("unchecked")
  private List<String> feedIds() {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll('#updates article'), a => a.dataset.updateId)");
  }

  /**
   * What the page shows of one update: headline, body text, authors, correction, redaction note and
   * analysis teaser ("" where there is none, text as the reader sees it, spaces collapsed), pinned
   * and key event.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> shownItem(String id) {
    return (Map<String, Object>)
        js(
            """
            const article = document.getElementById('update-' + arguments[0]);
            const text = (selector) => {
              const node = article.querySelector(selector);
              return node ? node.innerText.replace(/\\s+/g, ' ').trim() : '';
            };
            return {
              headline: text(':scope > .headline'),
              body: text(':scope > .body'),
              authors: text('.authors'),
              correction: text(':scope > .correction'),
              redaction: text(':scope > .redaction'),
              analysis: text('.analysis a, .analysis span'),
              analysisRedaction: text('.analysis.redacted .redaction'),
              pinned: article.classList.contains('pinned'),
              keyEvent: article.classList.contains('key-event'),
            };
            """,
            id);
  }

  /** What the page must show of a feed item, in the story's language (Dutch). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> expectedItem(Map<String, Object> item) {
    Map<String, Object> redaction = (Map<String, Object>) item.get("redacted");
    Map<String, Object> correction = (Map<String, Object>) item.get("correction");
    Map<String, Object> analysis = (Map<String, Object>) item.get("analysis");
    List<String> authors = (List<String>) item.get("authors");
    boolean redacted = redaction != null;
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("headline", redacted ? "" : item.get("headline"));
    expected.put("body", redacted ? "" : Jsoup.parseBodyFragment((String) item.get("body")).text());
    expected.put("authors", authors.isEmpty() ? "" : "Door " + String.join(", ", authors));
    expected.put(
        "correction", redacted || correction == null ? "" : "Correctie: " + correction.get("note"));
    expected.put(
        "redaction", redacted ? "Dit bericht is verwijderd. " + redaction.get("reason") : "");
    Map<String, Object> analysisRedaction =
        analysis == null ? null : (Map<String, Object>) analysis.get("redacted");
    expected.put(
        "analysis",
        analysis == null || analysisRedaction != null
            ? ""
            : "Lees hier de volledige analyse: " + analysis.get("title"));
    expected.put(
        "analysisRedaction", analysisRedaction == null ? "" : analysisRedaction.get("reason"));
    expected.put("pinned", item.get("pinned"));
    expected.put("keyEvent", item.get("keyEvent"));
    return expected;
  }

  /** The whole page as the reader would see it, under {@code target/browser/}. */
  private Path screenshot(String name) throws IOException {
    Path directory =
        Path.of(System.getProperty("browser.artifacts", "target/browser")).toAbsolutePath();
    Files.createDirectories(directory);
    long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 40, 6000)));
    Path file = directory.resolve(name);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
