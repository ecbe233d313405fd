package news.ticker.timeline.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import news.ticker.timeline.Json;

/**
 * How a removable text appears in public JSON: the text itself, or {@code {"redacted": true}} once
 * its content key was destroyed. The object form (never an empty string) lets front-ends tell a
 * redaction from an empty field.
 */
public final class PublicText {

  /** The fields of change data that hold removable texts. */
  public static final List<String> TEXT_FIELDS = List.of("headline", "body", "note");

  private PublicText() {}

  public static JsonNode of(String text, boolean redacted) {
    if (redacted) {
      return redacted();
    }
    return text == null ? NullNode.getInstance() : TextNode.valueOf(text);
  }

  public static ObjectNode redacted() {
    ObjectNode node = Json.object();
    node.put("redacted", true);
    return node;
  }

  public static boolean isRedacted(JsonNode node) {
    return node != null && node.isObject() && node.path("redacted").asBoolean(false);
  }

  /** The text of a public text node, or null when absent or redacted. */
  public static String textOf(JsonNode node) {
    return node == null || !node.isTextual() ? null : node.asText();
  }

  /**
   * The change data with every removable text replaced by the redaction marker; absent and null
   * texts stay as they are.
   */
  public static ObjectNode redact(ObjectNode data) {
    ObjectNode copy = data.deepCopy();
    for (String field : TEXT_FIELDS) {
      JsonNode value = copy.get(field);
      if (value != null && !value.isNull()) {
        copy.set(field, redacted());
      }
    }
    return copy;
  }
}
