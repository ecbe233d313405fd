package news.ticker.bench.blog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One post of a live blog file: one JSON object per line with {@code title}, {@code firstPublished}
 * (epoch ms), {@code keyEvent}, {@code pinned}, {@code contributors}, {@code elementTypes} and
 * {@code text} (paragraphs split by newlines), as in {@code ../shared/fixtures/guardian/*.jsonl}.
 *
 * @param line the 1-based line of the file (reports name posts by line, never by their text)
 */
public record BlogPost(
    int line,
    String title,
    long firstPublished,
    boolean keyEvent,
    boolean pinned,
    List<String> contributors,
    List<String> elementTypes,
    String text) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a file; blank lines are skipped; posts come back in order of {@code firstPublished}. */
  public static List<BlogPost> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static List<BlogPost> parse(String jsonl) throws IOException {
    List<BlogPost> posts = new ArrayList<>();
    String[] lines = jsonl.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode o;
      try {
        o = JSON.readTree(lines[i]);
      } catch (IOException e) {
        throw new IOException("line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
      }
      if (!o.isObject()) {
        throw new IOException("line " + (i + 1) + " is not a JSON object");
      }
      if (!o.path("firstPublished").canConvertToLong()) {
        throw new IOException("line " + (i + 1) + " has no numeric firstPublished");
      }
      List<String> contributors = new ArrayList<>();
      for (JsonNode c : o.path("contributors")) {
        String name = c.isTextual() ? c.asText() : c.path("name").asText(null);
        if (name != null && !name.isBlank()) {
          contributors.add(name.trim());
        }
      }
      List<String> elements = new ArrayList<>();
      for (JsonNode e : o.path("elementTypes")) {
        elements.add(e.asText());
      }
      JsonNode title = o.get("title");
      posts.add(
          new BlogPost(
              i + 1,
              title == null || title.isNull() ? null : title.asText(),
              o.path("firstPublished").asLong(),
              o.path("keyEvent").asBoolean(false),
              o.path("pinned").asBoolean(false),
              List.copyOf(contributors),
              List.copyOf(elements),
              o.path("text").asText("")));
    }
    posts.sort(Comparator.comparingLong(BlogPost::firstPublished).thenComparingInt(BlogPost::line));
    return posts;
  }

  public Instant publishedAt() {
    return Instant.ofEpochMilli(firstPublished);
  }

  /** The headline to post: the title, or null when it is empty. */
  public String headline() {
    return title == null || title.isBlank() ? null : title.trim();
  }

  /** The non-empty paragraphs of the text, trimmed. */
  public List<String> paragraphs() {
    List<String> out = new ArrayList<>();
    for (String p : text.split("\n")) {
      String t = p.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The body to post: each paragraph HTML-escaped in a {@code <p>}. A post without text (an image
   * or an embed only) gets one placeholder paragraph naming its elements, e.g. {@code [image]}.
   */
  public String bodyHtml() {
    StringBuilder sb = new StringBuilder();
    for (String p : expectedParagraphs()) {
      sb.append("<p>").append(escapeHtml(p)).append("</p>");
    }
    return sb.toString();
  }

  /** The paragraphs readers should see: the text's, or the placeholder. */
  public List<String> expectedParagraphs() {
    List<String> ps = paragraphs();
    if (!ps.isEmpty()) {
      return ps;
    }
    List<String> kinds = new ArrayList<>();
    for (String e : elementTypes) {
      String k = e.replace("BlockElement", "").replace("Element", "").toLowerCase(Locale.ROOT);
      if (!k.isEmpty() && !kinds.contains(k)) {
        kinds.add(k);
      }
    }
    return List.of("[" + (kinds.isEmpty() ? "no text" : String.join(", ", kinds)) + "]");
  }

  /** The JSON of {@code POST /api/v1/stories/{id}/updates}. */
  public ObjectNode updateRequest() {
    ObjectNode o = JSON.createObjectNode();
    o.put("body", bodyHtml());
    if (headline() != null) {
      o.put("headline", headline());
    }
    if (!contributors.isEmpty()) {
      o.putArray("authors").addAll(contributors.stream().map(o::textNode).toList());
    }
    o.put("keyEvent", keyEvent);
    o.put("pinned", pinned);
    o.put("publishedAt", publishedAt().toString());
    return o;
  }

  public static String escapeHtml(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
