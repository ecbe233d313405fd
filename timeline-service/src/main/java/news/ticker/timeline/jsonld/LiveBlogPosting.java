package news.ticker.timeline.jsonld;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import news.ticker.timeline.Json;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.story.StoryHeader;
import org.jsoup.Jsoup;

/**
 * A story as a schema.org {@code LiveBlogPosting}, for search engines and partners: {@code
 * headline}, {@code url}, coverage times, {@code publisher}, and the latest updates as {@code
 * BlogPosting}s whose {@code url} is the story's canonical URL with {@code #update-<id>}. Redacted
 * texts are left out.
 */
public final class LiveBlogPosting {

  public static final String MEDIA_TYPE = "application/ld+json";

  private LiveBlogPosting() {}

  public static ObjectNode render(
      StoryHeader story,
      List<PublicUpdate> updates,
      String publisherName,
      Optional<String> publisherUrl) {
    ObjectNode posting = Json.object();
    posting.put("@context", "https://schema.org");
    posting.put("@type", "LiveBlogPosting");
    if (story.canonicalUrl() != null) {
      posting.put("@id", story.canonicalUrl());
      posting.put("url", story.canonicalUrl());
    }
    posting.put("headline", story.title());
    putIfPresent(posting, "description", story.summary());
    putIfPresent(posting, "inLanguage", story.language());
    putIfPresent(posting, "articleSection", story.section());
    putInstant(posting, "coverageStartTime", story.coverageStartTime());
    putInstant(posting, "coverageEndTime", story.coverageEndTime());
    putInstant(posting, "datePublished", story.coverageStartTime());
    putInstant(posting, "dateModified", story.updatedAt());
    ObjectNode publisher = posting.putObject("publisher");
    publisher.put("@type", "Organization");
    publisher.put("name", publisherName);
    publisherUrl.ifPresent(url -> publisher.put("url", url));
    ArrayNode liveBlogUpdate = posting.putArray("liveBlogUpdate");
    for (PublicUpdate update : updates) {
      ObjectNode item = liveBlogUpdate.addObject();
      item.put("@type", "BlogPosting");
      putIfPresent(item, "headline", text(update.headline()));
      putInstant(item, "datePublished", update.publishedAt());
      putInstant(item, "dateModified", update.updatedAt());
      String body = text(update.body());
      // articleBody is plain text: block elements become spaces, markup goes.
      putIfPresent(item, "articleBody", body == null ? null : Jsoup.parseBodyFragment(body).text());
      if (story.canonicalUrl() != null) {
        item.put("url", story.canonicalUrl() + "#update-" + update.id());
      }
      if (update.authors() != null && !update.authors().isEmpty()) {
        ArrayNode authors = item.putArray("author");
        for (String name : update.authors()) {
          ObjectNode person = authors.addObject();
          person.put("@type", "Person");
          person.put("name", name);
        }
      }
    }
    return posting;
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static void putInstant(ObjectNode node, String field, Instant value) {
    if (value != null) {
      node.put(field, value.toString());
    }
  }
}
