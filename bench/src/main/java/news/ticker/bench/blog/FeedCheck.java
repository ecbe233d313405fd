package news.ticker.bench.blog;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a story's feed (and header) with the blog posted into it: count, order by {@code
 * publishedAt}, publication times, headlines, key events, pinned update and body text. Findings
 * name posts by their input line only, never by their text.
 */
public final class FeedCheck {

  /** A post as it was accepted: its update id. */
  public record Posted(BlogPost post, String updateId) {}

  /** One check: passed or not, with the lines at fault. */
  public record Check(String name, boolean ok, String detail) {}

  private FeedCheck() {}

  public static List<Check> check(List<Posted> posted, List<JsonNode> feed, JsonNode header) {
    List<Check> checks = new ArrayList<>();
    Map<String, Posted> byId = new HashMap<>();
    for (Posted p : posted) {
      byId.put(p.updateId(), p);
    }
    Map<String, JsonNode> items = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (JsonNode item : feed) {
      String id = item.path("id").asText();
      items.put(id, item);
      if (!byId.containsKey(id)) {
        unknown.add(id);
      }
    }

    // count
    List<Integer> missing = new ArrayList<>();
    for (Posted p : posted) {
      if (!items.containsKey(p.updateId())) {
        missing.add(p.post().line());
      }
    }
    int headerCount = header == null ? -1 : header.path("updateCount").asInt(-1);
    boolean countOk =
        missing.isEmpty()
            && unknown.isEmpty()
            && feed.size() == posted.size()
            && (header == null || headerCount == posted.size());
    checks.add(
        new Check(
            "count",
            countOk,
            "posted "
                + posted.size()
                + ", feed "
                + feed.size()
                + (header == null ? "" : ", header updateCount " + headerCount)
                + (missing.isEmpty() ? "" : ", missing lines " + missing)
                + (unknown.isEmpty() ? "" : ", " + unknown.size() + " unknown items")));

    // order: publishedAt descending (ties in any order)
    List<Integer> outOfOrder = new ArrayList<>();
    long previous = Long.MAX_VALUE;
    for (JsonNode item : feed) {
      Posted p = byId.get(item.path("id").asText());
      if (p == null) {
        continue;
      }
      long t = p.post().firstPublished();
      if (t > previous) {
        outOfOrder.add(p.post().line());
      }
      previous = t;
    }
    checks.add(
        new Check(
            "order by publishedAt",
            outOfOrder.isEmpty(),
            outOfOrder.isEmpty() ? "newest first" : "out of order at lines " + outOfOrder));

    // publishedAt, headlines, key events, bodies per item
    List<Integer> badTimes = new ArrayList<>();
    List<Integer> badHeadlines = new ArrayList<>();
    List<Integer> badKeyEvents = new ArrayList<>();
    List<Integer> badBodies = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : items.entrySet()) {
      Posted p = byId.get(e.getKey());
      if (p == null) {
        continue;
      }
      JsonNode item = e.getValue();
      BlogPost post = p.post();
      if (!sameInstant(item.path("publishedAt").asText(null), post.publishedAt())) {
        badTimes.add(post.line());
      }
      String headline = text(item.get("headline"));
      if (!Objects.equals(normalise(headline), normalise(post.headline()))) {
        badHeadlines.add(post.line());
      }
      if (item.path("keyEvent").asBoolean(false) != post.keyEvent()) {
        badKeyEvents.add(post.line());
      }
      String body = text(item.get("body"));
      if (!Objects.equals(paragraphs(body), normaliseLines(post.expectedParagraphs()))) {
        badBodies.add(post.line());
      }
    }
    checks.add(result("publishedAt", badTimes, items.size()));
    checks.add(result("headlines", badHeadlines, items.size()));

    Set<String> expectedKeyEvents = new HashSet<>();
    for (Posted p : posted) {
      if (p.post().keyEvent()) {
        expectedKeyEvents.add(p.updateId());
      }
    }
    Set<String> headerKeyEvents = new HashSet<>();
    if (header != null) {
      for (JsonNode k : header.path("keyEvents")) {
        headerKeyEvents.add(k.path("id").asText());
      }
    }
    boolean keyOk =
        badKeyEvents.isEmpty() && (header == null || headerKeyEvents.equals(expectedKeyEvents));
    checks.add(
        new Check(
            "key events",
            keyOk,
            expectedKeyEvents.size()
                + " expected"
                + (header == null ? "" : ", header lists " + headerKeyEvents.size())
                + (badKeyEvents.isEmpty() ? "" : ", wrong flag at lines " + badKeyEvents)));

    // pinned: the last pinned post wins (pinning another unpins the old)
    String expectedPinned = null;
    int expectedPinnedLine = -1;
    for (Posted p : posted) {
      if (p.post().pinned()) {
        expectedPinned = p.updateId();
        expectedPinnedLine = p.post().line();
      }
    }
    List<String> pinnedInFeed = new ArrayList<>();
    for (JsonNode item : feed) {
      if (item.path("pinned").asBoolean(false)) {
        pinnedInFeed.add(item.path("id").asText());
      }
    }
    String headerPinned =
        header == null
                || header.path("pinnedUpdate").isNull()
                || header.path("pinnedUpdate").isMissingNode()
            ? null
            : header.path("pinnedUpdate").path("id").asText(null);
    boolean pinOk =
        (expectedPinned == null
                ? pinnedInFeed.isEmpty()
                : pinnedInFeed.equals(List.of(expectedPinned)))
            && (header == null || Objects.equals(headerPinned, expectedPinned));
    checks.add(
        new Check(
            "pinned",
            pinOk,
            (expectedPinned == null ? "none expected" : "line " + expectedPinnedLine + " expected")
                + ", feed flags "
                + pinnedInFeed.size()
                + (header == null
                    ? ""
                    : ", header "
                        + (headerPinned == null
                            ? "none"
                            : Objects.equals(headerPinned, expectedPinned)
                                ? "right"
                                : "another"))));
    checks.add(result("body text", badBodies, items.size()));
    return checks;
  }

  private static Check result(String name, List<Integer> badLines, int of) {
    return new Check(
        name,
        badLines.isEmpty(),
        badLines.isEmpty() ? "all " + of + " match" : "differ at lines " + badLines);
  }

  private static boolean sameInstant(String text, Instant expected) {
    if (text == null) {
      return false;
    }
    try {
      return Instant.parse(text).toEpochMilli() == expected.toEpochMilli();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A text field of the feed: a string, or null when absent, null or redacted. */
  static String text(JsonNode node) {
    return node == null || !node.isTextual() ? null : node.asText();
  }

  static String normalise(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    return Normalizer.normalize(s, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
  }

  static List<String> normaliseLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String n = normalise(l);
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  private static final Pattern BREAKS =
      Pattern.compile("(?i)</p\\s*>|<br\\s*/?>|</h[1-6]\\s*>|</li\\s*>|</blockquote\\s*>");
  private static final Pattern TAGS = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");

  /** The paragraphs of sanitised HTML as plain, normalised text. */
  static List<String> paragraphs(String html) {
    if (html == null) {
      return List.of();
    }
    String text = TAGS.matcher(BREAKS.matcher(html).replaceAll("\n")).replaceAll("");
    return normaliseLines(List.of(unescape(text).split("\n")));
  }

  static String unescape(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.startsWith("#x") || e.startsWith("#X")) {
        r = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
      } else if (e.startsWith("#")) {
        r = new String(Character.toChars(Integer.parseInt(e.substring(1))));
      } else {
        r =
            switch (e) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              case "nbsp" -> "\u00a0";
              default -> m.group();
            };
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(r));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
