package news.ticker.timeline.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.ticker.devstack.testing.XssVectors;
import news.ticker.platform.html.HtmlSanitizer;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.feed.FeedPage;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.jsonld.LiveBlogPosting;
import news.ticker.timeline.story.StoryHeader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The live page's server rendering, over typed inputs: no Kafka, no database. */
class LivePageRendererTest {

  private static final Instant AT = Instant.parse("2024-03-01T10:15:00Z");
  private static final String ATTACK = "<script>alert('x')</script>\"'&";

  @Test
  void everyTextIsEscapedAndTheJsonLdCannotEndItsScriptElement() {
    String title = "Live: </script><script>alert(1)</script> & \"more\"";
    PublicUpdate update =
        update(UUID.randomUUID(), ATTACK, "<p>Safe <b>body</b></p>", List.of(ATTACK));
    String html = render(header(title, "en", ATTACK, null, List.of()), List.of(update), null);
    Document page = Jsoup.parse(html);

    // One script element runs (the module), the other is JSON-LD data; none was injected.
    assertThat(page.select("script"))
        .extracting(script -> script.attr("type"))
        .containsExactly("module", "application/ld+json");
    assertThat(html).doesNotContain("<script>alert");
    assertThat(page.title()).isEqualTo(title);
    assertThat(page.getElementById("story-title").text()).isEqualTo(title);
    assertThat(page.getElementById("story-summary").text()).isEqualTo(ATTACK);
    Element article = page.selectFirst("#updates article");
    assertThat(article.selectFirst(".headline").text()).isEqualTo(ATTACK);
    assertThat(article.selectFirst(".authors").text()).isEqualTo("By " + ATTACK);
    // The body is the sanitised HTML of the read model, as it is.
    assertThat(article.selectFirst(".body").html()).isEqualTo("<p>Safe <b>body</b></p>");

    String jsonLd = page.selectFirst("script[type=application/ld+json]").data();
    assertThat(jsonLd).doesNotContain("<").doesNotContain(">").contains("\\u003c/script\\u003e");
    JsonNode posting = Json.tree(jsonLd);
    assertThat(posting.path("@type").asText()).isEqualTo("LiveBlogPosting");
    assertThat(posting.path("headline").asText()).isEqualTo(title);
    assertThat(posting.path("liveBlogUpdate").get(0).path("headline").asText()).isEqualTo(ATTACK);

    // The labels handed to live.js are one attribute value, escaped, and parse back.
    JsonNode labels = Json.tree(page.getElementById("live").attr("data-labels"));
    assertThat(labels.path("read").asText()).isEqualTo("READ:");
  }

  @Test
  void noXssVectorSurvivesInAnyFieldTheBodyIncluded() {
    // Bodies are sanitised by ingest before they reach the read model; the page sanitises them once
    // more, so even a body that never passed the allow-list comes out safe. Every other field is
    // text, escaped.
    List<String> dangers = new ArrayList<>();
    for (String vector : XssVectors.all()) {
      PublicUpdate update =
          new PublicUpdate(
              UUID.randomUUID(),
              TextNode.valueOf(vector),
              TextNode.valueOf(vector),
              List.of(vector),
              true,
              false,
              false,
              AT,
              AT,
              new PublicUpdate.Correction(TextNode.valueOf(vector), AT),
              new PublicUpdate.AnalysisLink(UUID.randomUUID(), vector, vector, 3, vector, null),
              null);
      StoryHeader.RelatedArticleItem related =
          new StoryHeader.RelatedArticleItem(UUID.randomUUID(), vector, vector, vector);
      String html =
          render(header(vector, "en", vector, update, List.of(related)), List.of(update), update);
      Document page = Jsoup.parse(html);
      // The head is ours alone: nothing was added to it, and the JSON-LD is still one JSON value.
      assertThat(page.head().children())
          .as(vector)
          .extracting(Element::tagName)
          .containsExactly("meta", "meta", "title", "meta", "link", "link", "script", "script");
      assertThat(page.select("script"))
          .extracting(script -> script.attr("type"))
          .containsExactly("module", "application/ld+json");
      Json.tree(page.selectFirst("script[type=application/ld+json]").data());
      // Its two buttons are the page's own (live.js drives them); the rest must hold no danger.
      assertThat(page.select("button"))
          .extracting(Element::id)
          .containsExactly("new-updates", "older");
      page.select("button").remove();
      dangers.addAll(XssVectors.dangers(page.body().html()));
      assertThat(page.getElementById("update-" + update.id()).selectFirst(".body").html())
          .as(vector)
          .isEqualTo(Jsoup.parseBodyFragment(HtmlSanitizer.sanitize(vector)).body().html());
    }
    assertThat(dangers).isEmpty();
  }

  @Test
  void theLinksAreHttpOnly() {
    StoryHeader.RelatedArticleItem scripted =
        new StoryHeader.RelatedArticleItem(UUID.randomUUID(), "Click", "javascript:alert(1)", null);
    StoryHeader.RelatedArticleItem real =
        new StoryHeader.RelatedArticleItem(
            UUID.randomUUID(), "Background", "https://news.example/a?b=1&c=2", null);
    Document page =
        Jsoup.parse(render(header("T", "en", "S", null, List.of(scripted, real)), List.of(), null));

    assertThat(page.select("a[href^=javascript]")).isEmpty();
    assertThat(page.select("#related li")).hasSize(2);
    assertThat(page.selectFirst("#related a").attr("href"))
        .isEqualTo("https://news.example/a?b=1&c=2");
    assertThat(page.selectFirst("#related li").text()).isEqualTo("READ: Click");
  }

  @Test
  void aRedactedUpdateShowsItsPublicNoteAndARetractedOneIsGone() {
    UUID redactedId = UUID.randomUUID();
    PublicUpdate redacted =
        new PublicUpdate(
            redactedId,
            PublicText.redacted(),
            PublicText.redacted(),
            List.of("Anna"),
            false,
            false,
            false,
            AT,
            AT,
            new PublicUpdate.Correction(PublicText.redacted(), AT),
            null,
            new PublicUpdate.Redaction("Removed by court order", AT));
    PublicUpdate retracted = retracted(update(UUID.randomUUID(), "Gone", "<p>gone</p>", List.of()));
    PublicUpdate kept = update(UUID.randomUUID(), "Kept", "<p>kept</p>", List.of());
    Document page =
        Jsoup.parse(
            render(
                header("T", "en", "S", null, List.of()),
                List.of(redacted, retracted, kept),
                retracted));

    assertThat(page.select("#updates article"))
        .extracting(a -> a.attr("data-update-id"))
        .containsExactly(redactedId.toString(), kept.id().toString());
    Element tombstone = page.getElementById("update-" + redactedId);
    assertThat(tombstone.hasClass("redacted")).isTrue();
    assertThat(tombstone.selectFirst(".redaction").text())
        .isEqualTo("This update was removed. Removed by court order");
    assertThat(tombstone.select(".headline, .body, .correction")).isEmpty();
    // A retracted pinned update is not shown on top either.
    assertThat(page.getElementById("pinned").hasAttr("hidden")).isTrue();
    assertThat(page.select("#pinned article")).isEmpty();
  }

  @Test
  void dutchStoriesGetDutchLabelsAndOtherLanguagesEnglish() {
    UUID anchored = UUID.randomUUID();
    PublicUpdate update =
        new PublicUpdate(
            anchored,
            TextNode.valueOf("Kop"),
            TextNode.valueOf("<p>Tekst</p>"),
            List.of("Anna de Vries"),
            true,
            false,
            false,
            AT,
            AT,
            new PublicUpdate.Correction(TextNode.valueOf("Eerder stond hier 38 procent."), AT),
            new PublicUpdate.AnalysisLink(
                UUID.randomUUID(),
                "Wat de uitslag betekent",
                "Een standfirst",
                7,
                "https://news.example/analyses/1",
                null),
            null);
    StoryHeader.RelatedArticleItem article =
        new StoryHeader.RelatedArticleItem(
            UUID.randomUUID(), "Achtergrond", "https://news.example/1", null);

    Document dutch =
        Jsoup.parse(
            render(
                header("Verkiezingen", "nl-NL", "S", update, List.of(article)),
                List.of(update),
                null));
    assertThat(dutch.selectFirst("html").attr("lang")).isEqualTo("nl");
    assertThat(dutch.getElementById("story-status").text()).isEqualTo("Live");
    assertThat(dutch.selectFirst("#related li").text()).isEqualTo("LEES: Achtergrond");
    Element teaser = dutch.selectFirst("#updates article .analysis a");
    assertThat(teaser.text()).isEqualTo("Lees hier de volledige analyse: Wat de uitslag betekent");
    assertThat(teaser.attr("href")).isEqualTo("https://news.example/analyses/1");
    assertThat(dutch.selectFirst("#updates .reading-time").text()).isEqualTo("7 min. leestijd");
    assertThat(dutch.selectFirst("#updates .correction").text())
        .isEqualTo("Correctie: Eerder stond hier 38 procent.");
    assertThat(dutch.selectFirst("#updates .authors").text()).isEqualTo("Door Anna de Vries");
    assertThat(dutch.selectFirst("#key-events h2").text())
        .isEqualTo("Belangrijkste gebeurtenissen");
    assertThat(dutch.getElementById("older").text()).isEqualTo("Oudere updates");

    for (String language : new String[] {"en", "en-GB", "fr", null}) {
      Document other =
          Jsoup.parse(
              render(
                  header("Elections", language, "S", update, List.of(article)),
                  List.of(update),
                  null));
      assertThat(other.selectFirst("html").attr("lang")).as(language).isEqualTo("en");
      assertThat(other.selectFirst("#related li").text()).isEqualTo("READ: Achtergrond");
      assertThat(other.selectFirst("#updates article .analysis a").text())
          .isEqualTo("Read the full analysis: Wat de uitslag betekent");
      assertThat(other.selectFirst("#updates .correction").text())
          .isEqualTo("Correction: Eerder stond hier 38 procent.");
    }
  }

  @Test
  void thePinnedUpdateIsOnTopThenTheKeyEventsThenTheFeed() {
    UUID pinnedId = UUID.randomUUID();
    PublicUpdate pinned = update(pinnedId, "Vast", "<p>vast</p>", List.of());
    PublicUpdate newer = update(UUID.randomUUID(), "Nieuw", "<p>nieuw</p>", List.of());
    StoryHeader story = header("T", "nl", "S", pinned, List.of());
    Document page = Jsoup.parse(render(story, List.of(newer, pinned), null, "cursor-1"));
    Element main = page.getElementById("live");

    assertThat(main.attr("data-story-id")).isEqualTo(story.id().toString());
    assertThat(main.attr("data-stream-version")).isEqualTo("42");
    List<String> order = new ArrayList<>();
    main.children()
        .forEach(child -> order.add(child.id().isEmpty() ? child.tagName() : child.id()));
    assertThat(order)
        .containsSubsequence("pinned", "key-events", "new-updates", "section", "announcer");
    Element copy = page.selectFirst("#pinned article");
    assertThat(copy.attr("data-update-id")).isEqualTo(pinnedId.toString());
    assertThat(copy.id()).isEmpty(); // #update-<id> is the feed's
    assertThat(page.select("#update-" + pinnedId)).hasSize(1);
    assertThat(page.select("#key-events li"))
        .extracting(li -> li.attr("data-update-id"))
        .containsExactly(pinnedId.toString());
    assertThat(page.select("#updates article"))
        .extracting(a -> a.attr("data-version"))
        .containsOnly("42");
    Element older = page.getElementById("older");
    assertThat(older.attr("data-cursor")).isEqualTo("cursor-1");
    assertThat(older.hasAttr("hidden")).isTrue(); // shown by live.js, which loads the pages
    assertThat(page.getElementById("announcer").attr("aria-live")).isEqualTo("polite");
    assertThat(page.selectFirst("#updates time").attr("datetime")).isEqualTo(AT.toString());
    assertThat(page.selectFirst("#updates time").text()).isEqualTo("1 mrt. 10:15 UTC");
  }

  @Test
  void aClosedStoryAndTheNotFoundPage() {
    StoryHeader open = header("T", "en", "S", null, List.of());
    StoryHeader closed =
        new StoryHeader(
            open.id(), "T", "t", "News", "en", null, "closed", "S", List.of(), AT, AT, null,
            List.of(), List.of(), List.of(), 0, 3, AT, false);
    Document page = Jsoup.parse(render(closed, List.of(), null));
    assertThat(page.getElementById("story-status").attr("data-status")).isEqualTo("closed");
    assertThat(page.getElementById("story-status").text()).isEqualTo("Coverage ended");

    Document missing = Jsoup.parse(LivePageRenderer.notFound(null));
    assertThat(missing.selectFirst("h1").text()).isEqualTo("Live page not found");
    assertThat(missing.select("script[type=module]")).hasSize(1);
  }

  private static String render(StoryHeader story, List<PublicUpdate> feed, PublicUpdate pinned) {
    return render(story, feed, pinned, null);
  }

  private static String render(
      StoryHeader story, List<PublicUpdate> feed, PublicUpdate pinned, String next) {
    StoryHeader withPinned =
        pinned == null
            ? story
            : new StoryHeader(
                story.id(),
                story.title(),
                story.slug(),
                story.section(),
                story.language(),
                story.canonicalUrl(),
                story.status(),
                story.summary(),
                story.tags(),
                story.coverageStartTime(),
                story.coverageEndTime(),
                pinned,
                story.keyEvents(),
                story.relatedArticles(),
                story.analyses(),
                story.updateCount(),
                story.version(),
                story.updatedAt(),
                story.degraded());
    return LivePageRenderer.render(
        new LivePage(
            withPinned,
            new FeedPage(feed, next),
            LiveBlogPosting.render(withPinned, feed, "Ticker", Optional.empty())));
  }

  private static StoryHeader header(
      String title,
      String language,
      String summary,
      PublicUpdate pinned,
      List<StoryHeader.RelatedArticleItem> related) {
    List<StoryHeader.KeyEvent> keyEvents =
        pinned == null
            ? List.of()
            : List.of(new StoryHeader.KeyEvent(pinned.id(), pinned.headline(), AT));
    return new StoryHeader(
        UUID.randomUUID(),
        title,
        "slug",
        "Politiek",
        language,
        "https://news.example/live/slug",
        "live",
        summary,
        List.of(),
        AT,
        null,
        pinned,
        keyEvents,
        related,
        List.of(),
        1,
        42,
        AT,
        false);
  }

  private static PublicUpdate update(UUID id, String headline, String body, List<String> authors) {
    return new PublicUpdate(
        id,
        TextNode.valueOf(headline),
        TextNode.valueOf(body),
        authors,
        false,
        false,
        false,
        AT,
        AT,
        null,
        null,
        null);
  }

  private static PublicUpdate retracted(PublicUpdate update) {
    return new PublicUpdate(
        update.id(),
        update.headline(),
        update.body(),
        update.authors(),
        update.keyEvent(),
        update.pinned(),
        true,
        update.publishedAt(),
        update.updatedAt(),
        update.correction(),
        update.analysis(),
        update.redacted());
  }
}
