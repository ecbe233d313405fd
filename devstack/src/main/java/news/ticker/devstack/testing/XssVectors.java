package news.ticker.devstack.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The one list of XSS vectors every test uses: a representative set of the OWASP XSS Filter Evasion
 * Cheat Sheet plus mutation-XSS classics ({@code owasp-xss-vectors.json} beside this class). The
 * platform's sanitiser test runs each against the allow-list; the services' fuzz tests send them
 * through their HTML fields.
 */
public final class XssVectors {

  private static final List<String> ALL = load();
  private static final Set<String> DANGEROUS_ELEMENTS =
      Set.of(
          "script",
          "style",
          "iframe",
          "frame",
          "frameset",
          "object",
          "embed",
          "svg",
          "math",
          "meta",
          "link",
          "base",
          "form",
          "input",
          "button",
          "textarea",
          "applet",
          "template");

  private XssVectors() {}

  public static List<String> all() {
    return ALL;
  }

  /**
   * What in {@code html} a browser could execute: script-like elements, event handlers, inline
   * styles and javascript:/vbscript:/data: URLs, found by parsing it as a browser would. Empty when
   * it is safe.
   */
  public static List<String> dangers(String html) {
    List<String> found = new ArrayList<>();
    if (html == null) {
      return found;
    }
    Document parsed = Jsoup.parseBodyFragment(html);
    for (Element element : parsed.body().getAllElements()) {
      if (DANGEROUS_ELEMENTS.contains(element.normalName())) {
        found.add(html + ": element <" + element.normalName() + ">");
      }
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        String value =
            attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("on") || name.equals("style")) {
          found.add(html + ": attribute " + name);
        }
        if (value.startsWith("javascript:")
            || value.startsWith("vbscript:")
            || value.startsWith("data:")) {
          found.add(html + ": URL in " + name);
        }
      }
    }
    return found;
  }

  private static List<String> load() {
    try (InputStream in = XssVectors.class.getResourceAsStream("owasp-xss-vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("owasp-xss-vectors.json is missing");
      }
      return List.copyOf(new ObjectMapper().readValue(in, new TypeReference<List<String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
