package news.ticker.platform.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import news.ticker.devstack.testing.XssVectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allow-list against the OWASP XSS Filter Evasion Cheat Sheet: whatever the encoding trick, no
 * script, event handler, style or dangerous URL survives, and what newsrooms write stays.
 */
class HtmlSanitizerTest {

  /**
   * The cheat sheet's vectors, plus mutation-XSS classics: devstack's {@link XssVectors}, the one
   * list the services' fuzz tests send through their HTML fields too.
   */
  static Stream<String> owaspVectors() {
    return XssVectors.all().stream();
  }

  @ParameterizedTest
  @MethodSource("owaspVectors")
  void noVectorSurvives(String vector) {
    String clean = HtmlSanitizer.sanitize(vector);

    assertThat(clean.toLowerCase(Locale.ROOT))
        .doesNotContain("<script", "<style", "<iframe", "<svg", "<math", "<meta", "<link")
        .doesNotContain("<object", "<embed", "<base", "<frame", "<form", "<input", "<body");
    // Parsed again, as a browser would: no handler, no style, no executable URL anywhere.
    Document reparsed = Jsoup.parseBodyFragment(clean);
    for (Element element : reparsed.body().getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        assertThat(name).as(clean).doesNotStartWith("on").isNotEqualTo("style");
        String value =
            attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
        assertThat(value)
            .as(clean)
            .doesNotStartWith("javascript:")
            .doesNotStartWith("vbscript:")
            .doesNotStartWith("data:");
      }
    }
  }

  @Test
  void keepsWhatNewsroomsWrite() {
    String html =
        "<h2>Uitslag</h2><p>De <strong>MFK</strong> wint, <em>meldt</em> "
            + "<a href=\"https://nos.nl/a\">NOS</a>.</p><ul><li>een</li></ul>"
            + "<blockquote cite=\"https://x.example\">“Citaat”</blockquote>"
            + "<img src=\"https://x.example/foto.jpg\" alt=\"Stembureau\">";

    String clean = HtmlSanitizer.sanitize(html);

    assertThat(clean)
        .contains("<h2>Uitslag</h2>", "<strong>MFK</strong>", "<em>meldt</em>", "<li>een</li>")
        .contains("<a href=\"https://nos.nl/a\" rel=\"noopener noreferrer nofollow\">NOS</a>")
        .contains("<blockquote cite=\"https://x.example\">“Citaat”</blockquote>")
        .contains("<img src=\"https://x.example/foto.jpg\" alt=\"Stembureau\">");
  }

  @Test
  void knownPlayersBecomeEmbedFiguresAndOtherIframesVanish() {
    assertThat(
            HtmlSanitizer.sanitize(
                "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>"
                    + "<iframe src=\"https://evil.example/x\"></iframe>"))
        .isEqualTo("<figure data-embed=\"youtube\" data-id=\"dQw4w9WgXcQ\"></figure>");
    assertThat(HtmlSanitizer.sanitize("<figure data-embed=\"myspace\" data-id=\"1\"></figure>"))
        .isEqualTo("<figure></figure>");
  }

  @Test
  void unicodeIsKeptIntactAndControlCharactersGo() {
    String text = "“Oekraïne” — مرحبا بالعالم — שלום עולם — 🇺🇦👍🏽";
    assertThat(HtmlSanitizer.sanitize("<p>" + text + "\u0000\u0007</p>"))
        .isEqualTo("<p>" + text + "</p>");
    assertThat(HtmlSanitizer.plainText("<b>" + text + "</b>\u0000")).isEqualTo(text);
  }

  @Test
  void aBodyWithOnlyScriptsHasNoContent() {
    assertThat(HtmlSanitizer.hasContent(HtmlSanitizer.sanitize("<script>alert(1)</script>")))
        .isFalse();
    assertThat(HtmlSanitizer.hasContent(HtmlSanitizer.sanitize("<p> </p><style>p{}</style>")))
        .isFalse();
    assertThat(HtmlSanitizer.hasContent(HtmlSanitizer.sanitize("<img src=\"https://x/y.jpg\">")))
        .isTrue();
  }

  /** The one-parse check a write uses answers what sanitising and parsing again answer. */
  @Property(tries = 300, seed = "20261207")
  void cleaningOnceAgreesWithSanitisingAndCheckingTheOutput(@ForAll("bodies") String body) {
    HtmlSanitizer.Sanitized once = HtmlSanitizer.clean(body);
    String sanitized = HtmlSanitizer.sanitize(body);
    assertThat(once.html()).isEqualTo(sanitized);
    assertThat(once.hasContent()).isEqualTo(HtmlSanitizer.hasContent(sanitized));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "<p>tekst</p>",
            "<p> </p>",
            " ",
            "<script>alert(1)</script>",
            "<style>p{}</style>",
            "<img src=\"https://x/y.jpg\">",
            "<img src=\"javascript:alert(1)\">",
            "<figure data-embed=\"youtube\" data-id=\"dQw4w9WgXcQ\"></figure>",
            "<figure data-embed=\"evil\" data-id=\"x\"></figure>",
            "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>",
            "&nbsp;",
            "&amp;",
            "<b>",
            "</b>",
            "<a href=\"https://example.org\">link</a>",
            "\u0000",
            "Oekraïne");
    return pieces.list().ofMaxSize(6).map(list -> String.join("", list));
  }
}
