package news.ticker.devstack.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated bad request bodies for the services' fuzz tests, from a fixed seed (the same inputs on
 * every run): mutations of one valid JSON object. Each says whether it must be refused (4xx) and,
 * where one field is at fault, which.
 *
 * <p>Kinds: malformed JSON (truncated, garbage, trailing garbage, empty), wrong types per field,
 * huge numbers, 10,000 levels of nesting (in a field and at the top), very long strings, invalid
 * UTF-8 bytes, NUL and control characters (escaped, and raw where JSON forbids them), lone
 * surrogates, mixed scripts with bidirectional overrides.
 */
public final class BadJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOLE = "__bad_json_hole__";

  private BadJson() {}

  /**
   * One generated body.
   *
   * @param description what was done, for failure messages
   * @param body the bytes to send
   * @param mustRefuse true when only a 4xx is right; false when accepting it is fine too
   * @param field the field at fault (its path starts with this), or null
   */
  public record Input(String description, byte[] body, boolean mustRefuse, String field) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** The kind of a field of the valid object, to pick a wrong type for it. */
  public enum Kind {
    STRING,
    LIST,
    BOOLEAN
  }

  /**
   * Bad variants of {@code valid} (its fields typed by {@code kinds}), generated from {@code seed}.
   */
  public static List<Input> mutations(
      Map<String, Object> valid, Map<String, Kind> kinds, long seed) {
    Random random = new Random(seed);
    List<Input> inputs = new ArrayList<>();
    byte[] good = bytes(valid);

    for (int i = 0; i < 3; i++) {
      int cut = 1 + random.nextInt(good.length - 1);
      inputs.add(refused("truncated at " + cut, java.util.Arrays.copyOf(good, cut), null));
    }
    byte[] garbage = new byte[1 + random.nextInt(64)];
    random.nextBytes(garbage);
    inputs.add(refused("random bytes", garbage, null));
    inputs.add(
        refused("trailing garbage", concat(good, "}]".getBytes(StandardCharsets.UTF_8)), null));
    // Some endpoints take an optional body (closing a story): an empty one may be accepted.
    inputs.add(maybe("empty body", new byte[0], null));
    inputs.add(refused("a JSON array", "[]".getBytes(StandardCharsets.UTF_8), null));
    inputs.add(refused("a JSON string", "\"x\"".getBytes(StandardCharsets.UTF_8), null));
    inputs.add(refused("top-level 1e999999", "1e999999".getBytes(StandardCharsets.UTF_8), null));
    inputs.add(
        refused(
            "10,000 levels of objects",
            ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8),
            null));

    List<String> fields = new ArrayList<>(kinds.keySet());
    List<String> strings = fields.stream().filter(f -> kinds.get(f) == Kind.STRING).toList();
    for (String field : fields) {
      inputs.add(refused(field + " as an object", with(valid, field, "{\"x\":1}"), field));
      String wrong =
          switch (kinds.get(field)) {
            case STRING -> "[[\"x\"]]";
            case LIST -> "[{\"x\":1}]";
            case BOOLEAN -> "\"maybe\"";
          };
      inputs.add(refused(field + " as " + wrong, with(valid, field, wrong), field));
    }
    String any = pick(random, fields);
    inputs.add(
        refused(any + " with 2,000 digits", with(valid, any, "1" + "7".repeat(2_000)), null));
    inputs.add(
        refused(
            any + " nested 10,000 levels",
            with(valid, any, "[".repeat(10_000) + "]".repeat(10_000)),
            null));
    if (!strings.isEmpty()) {
      String text = pick(random, strings);
      inputs.add(maybe(text + " as 1e999999", with(valid, text, "1e999999"), text));
      inputs.add(
          maybe(
              text + " of a million characters",
              with(valid, text, quoted("x".repeat(1_000_000))),
              text));
      text = pick(random, strings);
      byte[] invalidUtf8 =
          concat(
              "\"ok".getBytes(StandardCharsets.UTF_8),
              new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE},
              "\"".getBytes(StandardCharsets.UTF_8));
      inputs.add(refused(text + " with invalid UTF-8", withBytes(valid, text, invalidUtf8), null));
      text = pick(random, strings);
      inputs.add(
          maybe(
              text + " with escaped NUL and control characters",
              with(valid, text, "\"a\\u0000b\\u0007c\\u001bd\\u007fe\""),
              text));
      text = pick(random, strings);
      inputs.add(
          refused(text + " with a raw control character", with(valid, text, "\"a\u0001b\""), null));
      text = pick(random, strings);
      inputs.add(maybe(text + " with a lone surrogate", with(valid, text, "\"a\\ud800b\""), text));
      text = pick(random, strings);
      inputs.add(
          maybe(
              text + " in mixed scripts with bidi overrides",
              with(valid, text, quoted("\u202Egnp.exe\u202C مرحبا Привет 漢字 \u200F\u2066x\u2069")),
              text));
    }
    return inputs;
  }

  /**
   * What is wrong with the answer {@code r} to {@code input}: a 5xx; an accepted input that must be
   * refused; a 4xx that is not problem+json, or that does not name the field at fault. Empty when
   * the answer is right.
   */
  public static List<String> failures(String what, Input input, HttpResponse<String> r) {
    List<String> failures = new ArrayList<>();
    int status = r.statusCode();
    if (status >= 500) {
      failures.add(what + ": " + status + " " + r.body());
      return failures;
    }
    if (input.mustRefuse() && status < 400) {
      failures.add(what + ": accepted (" + status + ")");
      return failures;
    }
    if (status < 400) {
      return failures;
    }
    if (!HttpChecks.isProblem(r)) {
      failures.add(what + ": " + status + " is not problem+json");
      return failures;
    }
    if (input.field() != null && (status == 400 || status == 413 || status == 422)) {
      List<String> fields = new ArrayList<>();
      try {
        for (JsonNode error : JSON.readTree(r.body()).path("errors")) {
          fields.add(error.path("field").asText());
        }
      } catch (java.io.IOException e) {
        failures.add(what + ": unreadable problem " + r.body());
      }
      if (fields.stream().noneMatch(f -> f.startsWith(input.field()))) {
        failures.add(what + ": " + status + " does not name " + input.field() + ": " + r.body());
      }
    }
    return failures;
  }

  /** {@code valid} as JSON bytes. */
  public static byte[] bytes(Map<String, Object> valid) {
    try {
      return JSON.writeValueAsBytes(valid);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Input refused(String description, byte[] body, String field) {
    return new Input(description, body, true, field);
  }

  private static Input maybe(String description, byte[] body, String field) {
    return new Input(description, body, false, field);
  }

  private static byte[] with(Map<String, Object> valid, String field, String rawJson) {
    return withBytes(valid, field, rawJson.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] withBytes(Map<String, Object> valid, String field, byte[] rawJson) {
    Map<String, Object> copy = new LinkedHashMap<>(valid);
    copy.put(field, HOLE);
    String json = new String(bytes(copy), StandardCharsets.UTF_8);
    int at = json.indexOf("\"" + HOLE + "\"");
    byte[] before = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] after = json.substring(at + HOLE.length() + 2).getBytes(StandardCharsets.UTF_8);
    return concat(before, rawJson, after);
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
