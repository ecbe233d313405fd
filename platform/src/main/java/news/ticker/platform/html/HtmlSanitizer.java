package news.ticker.platform.html;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The one HTML allow-list of Ticker. Keeps paragraphs, safe links, emphasis, lists, quotes,
 * headings, images with alt text and embeds as {@code <figure data-embed="…" data-id="…">}; drops
 * everything else: scripts, styles, event handlers, {@code javascript:} and {@code data:} URLs, raw
 * iframes (known players become embed figures). Unicode passes through unchanged; control
 * characters are removed.
 */
public final class HtmlSanitizer {

  /** Embed providers front-ends know how to render. */
  public static final Set<String> EMBED_PROVIDERS =
      Set.of(
          "youtube",
          "vimeo",
          "x",
          "instagram",
          "facebook",
          "tiktok",
          "bluesky",
          "mastodon",
          "spotify",
          "soundcloud",
          "datawrapper",
          "flourish");

  private static final Pattern EMBED_ID = Pattern.compile("[A-Za-z0-9_:./@-]{1,200}");

  private static final Map<Pattern, String> IFRAME_PLAYERS =
      Map.of(
          Pattern.compile(
              "^https://(?:www\\.)?youtube(?:-nocookie)?\\.com/embed/([A-Za-z0-9_-]{6,20})"),
          "youtube",
          Pattern.compile("^https://player\\.vimeo\\.com/video/(\\d{1,15})"),
          "vimeo");

  private static final Safelist ALLOWED =
      new Safelist()
          .addTags(
              "p",
              "br",
              "strong",
              "b",
              "em",
              "i",
              "u",
              "s",
              "sub",
              "sup",
              "small",
              "mark",
              "blockquote",
              "q",
              "cite",
              "ul",
              "ol",
              "li",
              "h2",
              "h3",
              "h4",
              "h5",
              "h6",
              "hr",
              "code",
              "pre",
              "a",
              "img",
              "figure",
              "figcaption",
              "span",
              "abbr",
              "time")
          .addAttributes("a", "href", "title", "hreflang")
          .addProtocols("a", "href", "http", "https", "mailto")
          .addAttributes("blockquote", "cite")
          .addProtocols("blockquote", "cite", "http", "https")
          .addAttributes("q", "cite")
          .addProtocols("q", "cite", "http", "https")
          .addAttributes("img", "src", "alt", "title", "width", "height")
          .addProtocols("img", "src", "https", "http")
          .addAttributes("figure", "data-embed", "data-id")
          .addAttributes("abbr", "title")
          .addAttributes("time", "datetime")
          .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

  private static final Document.OutputSettings OUTPUT =
      new Document.OutputSettings()
          .prettyPrint(false)
          .charset("UTF-8")
          .escapeMode(Entities.EscapeMode.base);

  private HtmlSanitizer() {}

  /**
   * A body after sanitising.
   *
   * @param html the sanitised HTML
   * @param hasContent whether any visible text or media is left (see {@link #hasContent})
   */
  public record Sanitized(String html, boolean hasContent) {}

  /** The sanitised HTML of an untrusted body fragment. */
  public static String sanitize(String html) {
    return html == null ? null : clean(html).html();
  }

  /**
   * The sanitised HTML of an untrusted body fragment and whether it has content, from one parse:
   * what {@link #sanitize} and then {@link #hasContent} answer, without parsing the output again.
   */
  public static Sanitized clean(String html) {
    Document dirty = Jsoup.parseBodyFragment(TextCleaner.removeControlCharacters(html, true));
    convertPlayerIframes(dirty);
    Document clean = new Cleaner(ALLOWED).clean(dirty);
    for (Element figure : clean.select("figure")) {
      String provider = figure.attr("data-embed");
      String id = figure.attr("data-id");
      if (!provider.isEmpty() || !id.isEmpty()) {
        if (!EMBED_PROVIDERS.contains(provider) || !EMBED_ID.matcher(id).matches()) {
          figure.removeAttr("data-embed").removeAttr("data-id");
        }
      }
    }
    for (Element img : clean.select("img")) {
      if (!img.hasAttr("alt")) {
        img.attr("alt", "");
      }
    }
    clean.outputSettings(OUTPUT);
    String sanitized = clean.body().html().strip();
    return new Sanitized(sanitized, hasContent(clean));
  }

  /**
   * Plain text of an untrusted string: markup dropped, entities decoded, control characters
   * removed.
   */
  public static String plainText(String text) {
    if (text == null) {
      return null;
    }
    String cleaned = TextCleaner.removeControlCharacters(text, false);
    if (cleaned.indexOf('<') < 0 && cleaned.indexOf('&') < 0) {
      return cleaned.strip();
    }
    String noMarkup = Jsoup.clean(cleaned, "", Safelist.none(), OUTPUT);
    return Parser.unescapeEntities(noMarkup, false).strip();
  }

  /**
   * Whether the sanitised form has any visible text or media, so an all-script body counts as
   * empty.
   */
  public static boolean hasContent(String sanitizedHtml) {
    if (sanitizedHtml == null || sanitizedHtml.isBlank()) {
      return false;
    }
    return hasContent(Jsoup.parseBodyFragment(sanitizedHtml));
  }

  private static boolean hasContent(Document doc) {
    return !doc.body().text().isBlank() || !doc.select("img, figure[data-embed]").isEmpty();
  }

  private static void convertPlayerIframes(Document doc) {
    for (Element iframe : doc.select("iframe")) {
      String src = iframe.attr("src");
      Element replacement = null;
      for (Map.Entry<Pattern, String> player : IFRAME_PLAYERS.entrySet()) {
        Matcher m = player.getKey().matcher(src);
        if (m.find()) {
          replacement =
              new Element("figure")
                  .attr("data-embed", player.getValue())
                  .attr("data-id", m.group(1));
          break;
        }
      }
      if (replacement != null) {
        iframe.replaceWith(replacement);
      } else {
        iframe.remove();
      }
    }
  }
}
