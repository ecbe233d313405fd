package news.ticker.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: attributes as {@code ce_*} headers, the JSON
 * data as the record value, the stream id as the record key.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";

  /** Extension attribute: the stream's version after this event. */
  public static final String STREAM_VERSION = "ce_streamversion";

  public static final String CONTENT_TYPE = "content-type";
  public static final String JSON = "application/json";

  private CloudEventHeaders() {}

  /** The headers of an envelope, in a stable order. */
  public static Map<String, String> of(EventEnvelope envelope) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SPEC_VERSION, "1.0");
    headers.put(ID, envelope.id().toString());
    headers.put(TYPE, envelope.type().ceType());
    headers.put(SOURCE, envelope.source());
    headers.put(SUBJECT, envelope.subject());
    headers.put(TIME, envelope.time().toString());
    headers.put(STREAM_VERSION, Long.toString(envelope.streamVersion()));
    headers.put(CONTENT_TYPE, JSON);
    return headers;
  }

  /**
   * Reads an envelope from a record's headers and value.
   *
   * @param header the last value of a header by name, or null
   * @throws EventDecodingException when the envelope or data does not decode
   */
  public static EventEnvelope read(
      Function<String, String> header, byte[] value, EventCodec codec) {
    String specVersion = header.apply(SPEC_VERSION);
    if (!"1.0".equals(specVersion)) {
      throw bad("ce_specversion must be 1.0, was " + specVersion);
    }
    String type = header.apply(TYPE);
    UUID id = parseId(header.apply(ID));
    Instant time;
    long version;
    try {
      time = Instant.parse(required(header, TIME));
      version = Long.parseLong(required(header, STREAM_VERSION));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new EventDecodingException(
          EventDecodingException.Reason.BAD_ENVELOPE, "bad ce_time or ce_streamversion", e);
    }
    if (value == null) {
      throw bad("no data");
    }
    Event data = codec.decode(type, value);
    return new EventEnvelope(id, required(header, SOURCE), time, version, data);
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EventDecodingException(
          EventDecodingException.Reason.BAD_ENVELOPE, "ce_id is not a UUID: " + id, e);
    }
  }

  private static String required(Function<String, String> header, String name) {
    String value = header.apply(name);
    if (value == null || value.isBlank()) {
      throw bad("missing " + name);
    }
    return value;
  }

  private static EventDecodingException bad(String message) {
    return new EventDecodingException(EventDecodingException.Reason.BAD_ENVELOPE, message);
  }
}
