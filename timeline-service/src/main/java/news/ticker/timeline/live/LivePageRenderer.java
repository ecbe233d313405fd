package news.ticker.timeline.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import news.ticker.platform.html.HtmlSanitizer;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.feed.AnalysisTeaser;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.story.StatusNames;
import news.ticker.timeline.story.StoryHeader;

/**
 * The live page's HTML, rendered on the server: a pure function of a {@link LivePage}, so crawlers
 * and readers without JavaScript see the story, and {@code live.js} takes over from there.
 *
 * <p>Every text is escaped ({@link #escape}); update bodies are HTML that passed the platform's
 * allow-list ({@link #body}). Links are only {@code http(s)}. The markup is what {@code live.js}
 * builds for updates that arrive later (keep the two alike): {@code
 * article[data-update-id][data-version]} in {@code #updates}, a copy of the pinned update in {@code
 * #pinned}, {@code #key-events}, {@code #related}, {@code #analyses}, and {@code #live} carrying
 * the story id, the stream version the page shows and the labels.
 */
public final class LivePageRenderer {

  /** The module and style sheet, served from {@code META-INF/resources}. */
  static final String SCRIPT = "/live/assets/live.js";

  static final String STYLE = "/live/assets/live.css";

  private LivePageRenderer() {}

  /** The page of a story. */
  public static String render(LivePage page) {
    StoryHeader story = page.header();
    LiveLabels labels = LiveLabels.of(story.language());
    long version = story.version();
    StringBuilder html = new StringBuilder(16_384);
    head(html, labels, story.title(), story.summary(), story.canonicalUrl());
    // JSON-LD is a data block, never executed, so the CSP's script-src does not apply to it.
    html.append("<script type=\"application/ld+json\">")
        .append(scriptSafeJson(Json.text(page.jsonLd())))
        .append("</script>\n</head>\n<body>\n");
    html.append("<main id=\"live\" data-story-id=\"")
        .append(story.id())
        .append("\" data-stream-version=\"")
        .append(version)
        .append("\" data-labels=\"")
        .append(escape(Json.text(labels.forScript())))
        .append("\">\n");

    storyHeader(html, story, labels);

    html.append("<section id=\"pinned\" aria-label=\"")
        .append(escape(labels.pinned()))
        .append('"')
        .append(shown(story.pinnedUpdate()) ? "" : " hidden")
        .append(">\n");
    if (shown(story.pinnedUpdate())) {
      article(html, story.pinnedUpdate(), version, labels, false);
    }
    html.append("</section>\n");

    keyEvents(html, story, labels);
    related(html, story, labels);

    html.append("<section id=\"analyses\"")
        .append(
            story.analyses().stream().anyMatch(a -> a.anchorUpdateId() == null) ? "" : " hidden")
        .append('>');
    for (StoryHeader.AnalysisItem analysis : story.analyses()) {
      if (analysis.anchorUpdateId() == null) {
        teaser(html, labels, analysis);
      }
    }
    html.append("</section>\n");

    // Shown by live.js when updates arrive while the reader has scrolled down.
    html.append("<button type=\"button\" id=\"new-updates\" class=\"new-updates\" hidden>")
        .append("</button>\n");
    html.append(
            "<section class=\"feed\" aria-labelledby=\"updates-title\">\n<h2 id=\"updates-title\">")
        .append(escape(labels.updates()))
        .append("</h2>\n<div id=\"updates\">\n");
    for (PublicUpdate update : page.feed().items()) {
      if (shown(update)) {
        article(html, update, version, labels, true);
      }
    }
    html.append("</div>\n");
    // Needs live.js (it fetches the next page through the cursor), so it starts hidden.
    html.append("<button type=\"button\" id=\"older\" class=\"older\"");
    if (page.feed().next() != null) {
      html.append(" data-cursor=\"").append(escape(page.feed().next())).append('"');
    }
    html.append(" hidden>").append(escape(labels.olderUpdates())).append("</button>\n");
    html.append("</section>\n");
    // Screen readers hear new updates here, without losing their place.
    html.append(
        "<div id=\"announcer\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\">"
            + "</div>\n");
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** A retracted update is gone from the page (the feed leaves it out already). */
  private static boolean shown(PublicUpdate update) {
    return update != null && !update.retracted();
  }

  /** The 404 page of a slug that names no story. */
  public static String notFound(String language) {
    LiveLabels labels = LiveLabels.of(language);
    StringBuilder html = new StringBuilder(1024);
    head(html, labels, labels.notFoundTitle(), null, null);
    html.append("</head>\n<body>\n<main id=\"live\" class=\"not-found\">\n<h1>")
        .append(escape(labels.notFoundTitle()))
        .append("</h1>\n<p>")
        .append(escape(labels.notFoundText()))
        .append("</p>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void head(
      StringBuilder html, LiveLabels labels, String title, String summary, String canonicalUrl) {
    html.append("<!doctype html>\n<html lang=\"")
        .append(escape(labels.lang()))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n");
    if (summary != null) {
      html.append("<meta name=\"description\" content=\"").append(escape(summary)).append("\">\n");
    }
    if (isHttp(canonicalUrl)) {
      html.append("<link rel=\"canonical\" href=\"").append(escape(canonicalUrl)).append("\">\n");
    }
    html.append("<link rel=\"stylesheet\" href=\"")
        .append(STYLE)
        .append("\">\n<script type=\"module\" src=\"")
        .append(SCRIPT)
        .append("\"></script>\n");
  }

  private static void storyHeader(StringBuilder html, StoryHeader story, LiveLabels labels) {
    boolean live = StatusNames.LIVE.equals(story.status());
    html.append("<header class=\"story\">\n<p id=\"story-section\" class=\"section\">")
        .append(escape(story.section()))
        .append("</p>\n<h1 id=\"story-title\">")
        .append(escape(story.title()))
        .append("</h1>\n<p id=\"story-status\" class=\"status\" data-status=\"")
        .append(live ? "live" : "closed")
        .append("\">")
        .append(escape(live ? labels.live() : labels.closed()))
        .append("</p>\n<p id=\"story-summary\" class=\"summary\">")
        .append(escape(story.summary()))
        .append("</p>\n</header>\n");
  }

  private static void keyEvents(StringBuilder html, StoryHeader story, LiveLabels labels) {
    html.append("<nav id=\"key-events\" aria-labelledby=\"key-events-title\"")
        .append(story.keyEvents().isEmpty() ? " hidden" : "")
        .append(">\n<h2 id=\"key-events-title\">")
        .append(escape(labels.keyEvents()))
        .append("</h2>\n<ol>\n");
    for (StoryHeader.KeyEvent event : story.keyEvents()) {
      html.append("<li data-update-id=\"")
          .append(event.id())
          .append("\"><a href=\"#update-")
          .append(event.id())
          .append("\">");
      time(html, event.publishedAt(), labels);
      html.append(" <span class=\"headline\">")
          .append(escape(text(event.headline())))
          .append("</span></a></li>\n");
    }
    html.append("</ol>\n</nav>\n");
  }

  private static void related(StringBuilder html, StoryHeader story, LiveLabels labels) {
    html.append("<section id=\"related\"")
        .append(story.relatedArticles().isEmpty() ? " hidden" : "")
        .append(">\n<ul>\n");
    for (StoryHeader.RelatedArticleItem article : story.relatedArticles()) {
      html.append("<li data-article-id=\"")
          .append(article.id())
          .append("\"><span class=\"read\">")
          .append(escape(labels.read()))
          .append("</span> ");
      link(html, article.url(), article.headline());
      html.append("</li>\n");
    }
    html.append("</ul>\n</section>\n");
  }

  /**
   * One update. The copy in {@code #pinned} has no {@code id}, so that {@code #update-<id>} stays
   * the one in the feed.
   *
   * @param version the story version the update is shown at
   */
  static void article(
      StringBuilder html, PublicUpdate update, long version, LiveLabels labels, boolean inFeed) {
    boolean redacted = update.redacted() != null || PublicText.isRedacted(update.body());
    html.append("<article");
    if (inFeed) {
      html.append(" id=\"update-").append(update.id()).append('"');
    }
    html.append(" class=\"update")
        .append(update.keyEvent() ? " key-event" : "")
        .append(update.pinned() ? " pinned" : "")
        .append(redacted ? " redacted" : "")
        .append("\" data-update-id=\"")
        .append(update.id())
        .append("\" data-version=\"")
        .append(version)
        .append("\" data-published-at=\"")
        .append(update.publishedAt())
        .append("\">\n<header class=\"meta\">");
    time(html, update.publishedAt(), labels);
    List<String> authors = update.authors() == null ? List.of() : update.authors();
    if (!authors.isEmpty()) {
      html.append(" <span class=\"authors\">")
          .append(escape(labels.by() + " " + String.join(", ", authors)))
          .append("</span>");
    }
    html.append("</header>\n");
    if (redacted) {
      html.append("<p class=\"redaction\">").append(escape(labels.redacted()));
      if (update.redacted() != null && update.redacted().reason() != null) {
        html.append(" <span class=\"reason\">")
            .append(escape(update.redacted().reason()))
            .append("</span>");
      }
      html.append("</p>\n");
    } else {
      String headline = text(update.headline());
      if (headline != null && !headline.isBlank()) {
        html.append("<h3 class=\"headline\">").append(escape(headline)).append("</h3>\n");
      }
      html.append("<div class=\"body\">").append(body(update.body())).append("</div>\n");
      String note = update.correction() == null ? null : text(update.correction().note());
      if (note != null) {
        html.append("<p class=\"correction\"><strong>")
            .append(escape(labels.correction()))
            .append("</strong> ")
            .append(escape(note))
            .append("</p>\n");
      }
    }
    PublicUpdate.AnalysisLink analysis = update.analysis();
    if (analysis != null) {
      teaser(html, labels, analysis);
    }
    html.append("</article>\n");
  }

  /** "Read the full analysis": a link to an analysis, or its redaction note. */
  private static void teaser(StringBuilder html, LiveLabels labels, AnalysisTeaser analysis) {
    PublicUpdate.Redaction redacted = analysis.redacted();
    html.append("<aside class=\"analysis")
        .append(redacted != null ? " redacted" : "")
        .append("\" data-analysis-id=\"")
        .append(analysis.id())
        .append("\">");
    if (redacted != null) {
      html.append("<p class=\"redaction\">")
          .append(escape(redacted.reason() == null ? labels.redacted() : redacted.reason()))
          .append("</p></aside>\n");
      return;
    }
    String title = analysis.title();
    String teaser = labels.analysisTeaser() + (title == null ? "" : ": " + title);
    link(html, analysis.link(), teaser);
    if (analysis.standfirst() != null) {
      html.append("<p class=\"standfirst\">").append(escape(analysis.standfirst())).append("</p>");
    }
    if (analysis.readingTimeMinutes() > 0) {
      html.append("<p class=\"reading-time\">")
          .append(escape(LiveLabels.count(labels.readingTime(), analysis.readingTimeMinutes())))
          .append("</p>");
    }
    html.append("</aside>\n");
  }

  /** A link when the URL is http(s), else the text alone (never a javascript: URL). */
  private static void link(StringBuilder html, String url, String text) {
    if (isHttp(url)) {
      html.append("<a href=\"")
          .append(escape(url))
          .append("\">")
          .append(escape(text))
          .append("</a>");
    } else {
      html.append("<span>").append(escape(text)).append("</span>");
    }
  }

  /** A time as the server can show it (UTC); {@code live.js} shows it in the reader's time zone. */
  private static void time(StringBuilder html, Instant at, LiveLabels labels) {
    if (at == null) {
      return;
    }
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", labels.locale()).withZone(ZoneOffset.UTC);
    html.append("<time datetime=\"")
        .append(at)
        .append("\">")
        .append(escape(format.format(at)))
        .append("</time>");
  }

  static boolean isHttp(String url) {
    if (url == null) {
      return false;
    }
    String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /**
   * An update's body as HTML. Ingest sanitised it with the platform's allow-list before it was
   * sealed, and the read model stores that; it is sanitised again here, with the same allow-list
   * (which leaves sanitised HTML as it is), so the page never carries HTML that did not pass it.
   */
  static String body(JsonNode body) {
    String html = text(body);
    return html == null ? "" : HtmlSanitizer.sanitize(html);
  }

  /** A text of the read model: the string, or null when absent or redacted. */
  private static String text(JsonNode node) {
    return PublicText.textOf(node);
  }

  /** Escapes text for HTML content and quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON that can stand inside a {@code <script>} element: {@code <}, {@code >} and {@code &} occur
   * in JSON only inside strings, where their {@code \}{@code u} escapes mean the same, so no {@code
   * </script>} or {@code <!--} can end the element early. U+2028 and U+2029 are escaped as well.
   */
  static String scriptSafeJson(String json) {
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }
}
