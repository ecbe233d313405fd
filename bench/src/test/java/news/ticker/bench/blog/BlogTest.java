package news.ticker.bench.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A made-up three-post blog in the fixture format; no real text. */
class BlogTest {

  static final String SAMPLE =
      String.join(
          "\n",
          "{\"blockId\":\"b2\",\"title\":\"Second <post> & more\",\"firstPublished\":1700000060000,\"keyEvent\":true,"
              + "\"pinned\":false,\"contributors\":[\"A. Writer\"],\"elementTypes\":[\"TextBlockElement\"],"
              + "\"text\":\"Café \\\"quoted\\\" 5 > 3\\n\\n  second para  \"}",
          "",
          "{\"blockId\":\"b1\",\"title\":\"\",\"firstPublished\":1700000000000,\"keyEvent\":false,\"pinned\":true,"
              + "\"contributors\":[],\"elementTypes\":[\"TextBlockElement\"],\"text\":\"First one's text\"}",
          "{\"blockId\":\"b3\",\"title\":null,\"firstPublished\":1700000120000,\"keyEvent\":false,\"pinned\":false,"
              + "\"contributors\":[{\"name\":\"B. Writer\"}],\"elementTypes\":[\"ImageBlockElement\",\"ImageBlockElement\"],"
              + "\"text\":\"\"}");

  @Test
  void parsesAndSortsByFirstPublished() throws IOException {
    List<BlogPost> posts = BlogPost.parse(SAMPLE);
    assertThat(posts).extracting(BlogPost::line).containsExactly(3, 1, 4);
    BlogPost second = posts.get(1);
    assertThat(second.headline()).isEqualTo("Second <post> & more");
    assertThat(second.keyEvent()).isTrue();
    assertThat(second.contributors()).containsExactly("A. Writer");
    assertThat(second.paragraphs()).containsExactly("Café \"quoted\" 5 > 3", "second para");
    assertThat(posts.get(0).headline()).isNull();
    assertThat(posts.get(2).headline()).isNull();
    assertThat(posts.get(2).contributors()).containsExactly("B. Writer");
  }

  @Test
  void bodiesAreEscapedParagraphs() throws IOException {
    List<BlogPost> posts = BlogPost.parse(SAMPLE);
    assertThat(posts.get(1).bodyHtml())
        .isEqualTo("<p>Café &quot;quoted&quot; 5 &gt; 3</p><p>second para</p>");
    assertThat(posts.get(0).bodyHtml()).isEqualTo("<p>First one&#39;s text</p>");
    assertThat(posts.get(2).bodyHtml()).isEqualTo("<p>[image]</p>");
    ObjectNode req = posts.get(1).updateRequest();
    assertThat(req.path("headline").asText()).isEqualTo("Second <post> & more");
    assertThat(req.path("publishedAt").asText()).isEqualTo("2023-11-14T22:14:20Z");
    assertThat(req.path("keyEvent").asBoolean()).isTrue();
    assertThat(req.path("pinned").asBoolean()).isFalse();
    assertThat(req.path("authors").get(0).asText()).isEqualTo("A. Writer");
    assertThat(posts.get(0).updateRequest().has("headline")).isFalse();
  }

  @Test
  void badLinesSayWhere() {
    assertThatThrownBy(() -> BlogPost.parse("{\"firstPublished\":1}\nnot json"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> BlogPost.parse("{\"title\":\"x\"}"))
        .hasMessageContaining("firstPublished");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The feed the timeline should answer for the sample, as the sanitiser might render it. */
  private static List<JsonNode> feedFor(List<FeedCheck.Posted> posted) {
    List<JsonNode> feed = new ArrayList<>();
    for (int i = posted.size() - 1; i >= 0; i--) {
      BlogPost p = posted.get(i).post();
      ObjectNode item = JSON.createObjectNode();
      item.put("id", posted.get(i).updateId());
      if (p.headline() != null) {
        item.put("headline", p.headline());
      } else {
        item.putNull("headline");
      }
      item.put("body", p.bodyHtml().replace("&#39;", "&#x27;"));
      item.put("keyEvent", p.keyEvent());
      item.put("pinned", p.pinned());
      item.put("publishedAt", p.publishedAt().toString());
      feed.add(item);
    }
    return feed;
  }

  private static ObjectNode headerFor(List<FeedCheck.Posted> posted) {
    ObjectNode h = JSON.createObjectNode();
    h.put("updateCount", posted.size());
    ArrayNode keys = h.putArray("keyEvents");
    for (FeedCheck.Posted p : posted) {
      if (p.post().keyEvent()) {
        keys.addObject().put("id", p.updateId());
      }
      if (p.post().pinned()) {
        h.putObject("pinnedUpdate").put("id", p.updateId());
      }
    }
    return h;
  }

  private static List<FeedCheck.Posted> posted() throws IOException {
    List<FeedCheck.Posted> out = new ArrayList<>();
    int n = 0;
    for (BlogPost p : BlogPost.parse(SAMPLE)) {
      out.add(new FeedCheck.Posted(p, "u" + (++n)));
    }
    return out;
  }

  @Test
  void aMatchingFeedPassesEveryCheck() throws IOException {
    List<FeedCheck.Posted> posted = posted();
    List<FeedCheck.Check> checks = FeedCheck.check(posted, feedFor(posted), headerFor(posted));
    assertThat(checks)
        .extracting(FeedCheck.Check::name)
        .containsExactly(
            "count",
            "order by publishedAt",
            "publishedAt",
            "headlines",
            "key events",
            "pinned",
            "body text");
    assertThat(checks).allMatch(FeedCheck.Check::ok, "all ok: " + checks);
  }

  @Test
  void differencesAreFoundAndNamedByLine() throws IOException {
    List<FeedCheck.Posted> posted = posted();
    List<JsonNode> feed = feedFor(posted);
    ((ObjectNode) feed.get(0)).put("keyEvent", true); // line 4 is not a key event
    ((ObjectNode) feed.get(1)).put("headline", "Another headline"); // line 1
    ((ObjectNode) feed.get(1)).put("body", "<p>changed</p>");
    JsonNode swapped = feed.get(0);
    feed.set(0, feed.get(2));
    feed.set(2, swapped);
    ObjectNode header = headerFor(posted);
    header.putObject("pinnedUpdate").put("id", "u2");
    Map<String, FeedCheck.Check> byName = new java.util.HashMap<>();
    FeedCheck.check(posted, feed, header).forEach(c -> byName.put(c.name(), c));
    assertThat(byName.get("count").ok()).isTrue();
    assertThat(byName.get("order by publishedAt").ok()).isFalse();
    assertThat(byName.get("headlines").detail()).contains("[1]");
    assertThat(byName.get("key events").detail()).contains("4");
    assertThat(byName.get("pinned").ok()).isFalse();
    assertThat(byName.get("body text").detail()).contains("[1]");
    String all = byName.values().toString();
    assertThat(all).doesNotContain("Second").doesNotContain("Café");
  }

  @Test
  void missingItemsAreCounted() throws IOException {
    List<FeedCheck.Posted> posted = posted();
    List<JsonNode> feed = feedFor(posted);
    feed.remove(1);
    FeedCheck.Check count = FeedCheck.check(posted, feed, null).get(0);
    assertThat(count.ok()).isFalse();
    assertThat(count.detail()).contains("missing lines [1]");
  }

  @Test
  void htmlToText() {
    assertThat(FeedCheck.paragraphs("<p>a &amp; <em>b</em></p><p>c&#x27;s&nbsp;d &#233;</p>"))
        .containsExactly("a & b", "c's\u00a0d é");
    assertThat(new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo("x");
  }
}
