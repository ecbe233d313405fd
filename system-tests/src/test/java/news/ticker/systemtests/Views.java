package news.ticker.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.ticker.devstack.process.ServiceProcess;

/**
 * Everything a reader can see of one story on one timeline replica (header, every feed page, every
 * update with its revisions, the whole change log), as JSON, with the story's and its updates' ids
 * replaced by their positions, and the instants the services chose themselves (recorded, updated,
 * coverage times) and the slug left out: two stories that received the same commands then have
 * equal views, whatever their ids and whenever they were written.
 */
final class Views {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Fields whose values differ between two stories given the same commands. */
  private static final Set<String> OWN_VALUES = Set.of("slug", "canonicalUrl");

  private Views() {}

  /**
   * The view of a story.
   *
   * @param updates the story's update ids in the order they were posted: update {@code i} becomes
   *     {@code "update-i"}
   */
  static JsonNode of(ServiceProcess timeline, UUID story, List<UUID> updates) {
    return normalised(raw(timeline, story, updates), story, updates);
  }

  /** The view exactly as served: ids, instants and slug included. */
  static JsonNode raw(ServiceProcess timeline, UUID story, List<UUID> updates) {
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.set("header", json(Api.at(timeline).get("/api/v1/stories/{story}", story)));
    ArrayNode pages = view.putArray("feedPages");
    String before = null;
    do {
      var request = Api.at(timeline).queryParam("limit", 25);
      if (before != null) {
        request = request.queryParam("before", before);
      }
      JsonNode page = json(request.get("/api/v1/stories/{story}/updates", story));
      pages.add(page.get("items"));
      before = page.path("next").isTextual() ? page.get("next").asText() : null;
    } while (before != null);
    ObjectNode each = view.putObject("updates");
    for (UUID update : updates) {
      Response response =
          Api.at(timeline).get("/api/v1/stories/{story}/updates/{update}", story, update);
      each.set(update.toString(), json(response));
    }
    ArrayNode changes = view.putArray("changes");
    for (Map<String, Object> change : Api.changes(timeline, story, 0)) {
      changes.add(MAPPER.valueToTree(change));
    }
    return view;
  }

  private static JsonNode json(Response response) {
    response.then().statusCode(200);
    try {
      return MAPPER.readTree(response.asString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not JSON: " + response.asString(), e);
    }
  }

  static JsonNode normalised(JsonNode view, UUID story, List<UUID> updates) {
    java.util.Map<String, String> aliases = new java.util.HashMap<>();
    aliases.put(story.toString(), "story");
    for (int i = 0; i < updates.size(); i++) {
      aliases.put(updates.get(i).toString(), "update-" + i);
    }
    return rewrite(view, aliases);
  }

  private static JsonNode rewrite(JsonNode node, Map<String, String> aliases) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = aliases.getOrDefault(field.getKey(), field.getKey());
        if (OWN_VALUES.contains(name) || ownInstant(name, field.getValue())) {
          continue;
        }
        copy.set(name, rewrite(field.getValue(), aliases));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(rewrite(element, aliases)));
      return copy;
    }
    if (node.isTextual() && aliases.containsKey(node.asText())) {
      return TextNode.valueOf(aliases.get(node.asText()));
    }
    return node;
  }

  /** An instant the services recorded themselves; publishedAt is the newsroom's, so it stays. */
  private static boolean ownInstant(String name, JsonNode value) {
    if (name.equals("publishedAt") || !value.isTextual()) {
      return false;
    }
    try {
      Instant.parse(value.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The ids of a view's feed, in feed order. */
  static List<String> feedIds(JsonNode view) {
    List<String> ids = new ArrayList<>();
    view.get("feedPages").forEach(page -> page.forEach(item -> ids.add(item.get("id").asText())));
    return ids;
  }
}
