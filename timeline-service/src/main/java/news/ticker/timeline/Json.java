package news.ticker.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;

/**
 * The JSON of the public API and of stored change data. Explicit nulls are kept ({@code "next":
 * null} is part of the contract), instants are ISO-8601, and the output is compact and stable so a
 * body hash is a sound ETag ingredient.
 */
public final class Json {

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write JSON of " + value.getClass().getSimpleName(), e);
    }
  }

  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write JSON of " + value.getClass().getSimpleName(), e);
    }
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw stored(json, e);
    }
  }

  /**
   * A stored document that does not parse is a server fault. The cause is not chained on purpose:
   * the problem mapper would take a chained parser exception for a client's malformed body.
   */
  private static IllegalStateException stored(String json, IOException e) {
    String start = json == null ? "null" : json.substring(0, Math.min(80, json.length()));
    return new IllegalStateException(
        "stored JSON does not parse (" + e.getMessage() + "): " + start);
  }

  public static ObjectNode objectTree(String json) {
    JsonNode node = tree(json);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalArgumentException("not a JSON object: " + json);
  }

  @SuppressWarnings("unchecked")
  public static List<String> stringList(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return List.copyOf(MAPPER.readValue(json, List.class));
    } catch (IOException e) {
      throw stored(json, e);
    }
  }
}
