package news.ticker.events;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON codec of the event contract. Encodes an event's data (the CloudEvents value); decodes a
 * value given its {@code ce_type}, lifting older versions through {@link Upcaster}s. Thread-safe.
 */
public final class EventCodec {

  private static final Pattern CE_TYPE = Pattern.compile("news\\.ticker\\.([a-z0-9-]+)\\.v(\\d+)");

  /** The mapper the contract is written with: ISO-8601 instants, absent optionals omitted. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private final Map<String, EventType> currentTypes;
  private final Map<String, Map<Integer, Upcaster>> upcasters;

  /** The codec of the contract: {@link EventCatalog#ALL} with {@link Upcasters#ALL}. */
  public EventCodec() {
    this(EventCatalog.ALL, Upcasters.ALL);
  }

  /**
   * A codec over another catalog; lets tests prove the upcasting chain with a type at a later
   * version.
   */
  public EventCodec(List<EventType> catalog, List<Upcaster> upcasters) {
    this.currentTypes =
        catalog.stream().collect(Collectors.toUnmodifiableMap(EventType::name, t -> t));
    this.upcasters =
        upcasters.stream()
            .collect(
                Collectors.groupingBy(
                    Upcaster::name, Collectors.toMap(Upcaster::fromVersion, u -> u, (a, b) -> a)));
  }

  public byte[] encode(Event event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decodes the data of an event of the given CloudEvents type.
   *
   * @throws EventDecodingException for an unknown or future type, or data that does not fit the
   *     type
   */
  public Event decode(String ceType, byte[] data) {
    if (ceType == null) {
      throw new EventDecodingException(EventDecodingException.Reason.BAD_ENVELOPE, "no ce_type");
    }
    Matcher matcher = CE_TYPE.matcher(ceType);
    if (!matcher.matches()) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE, "not a Ticker event type: " + ceType);
    }
    String name = matcher.group(1);
    int version;
    try {
      version = Integer.parseInt(matcher.group(2));
    } catch (NumberFormatException e) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE, "bad version in " + ceType, e);
    }
    EventType current = currentTypes.get(name);
    if (current == null) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE, "unknown event " + ceType);
    }
    if (version > current.version() || version < 1) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE,
          ceType + " is not readable by this build (knows up to v" + current.version() + ")");
    }
    try {
      JsonNode tree = MAPPER.readTree(data);
      if (!(tree instanceof ObjectNode object)) {
        throw new EventDecodingException(
            EventDecodingException.Reason.MALFORMED_DATA, ceType + " data is not a JSON object");
      }
      for (int v = version; v < current.version(); v++) {
        Upcaster upcaster = upcasters.getOrDefault(name, Map.of()).get(v);
        if (upcaster == null) {
          throw new EventDecodingException(
              EventDecodingException.Reason.UNKNOWN_TYPE, "no upcaster for " + name + ".v" + v);
        }
        object = upcaster.lift().apply(object);
      }
      return MAPPER.treeToValue(object, current.javaType());
    } catch (IOException | IllegalArgumentException e) {
      throw new EventDecodingException(
          EventDecodingException.Reason.MALFORMED_DATA, ceType + " data does not decode", e);
    }
  }
}
