package news.ticker.timeline.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.timeline.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of an event stream as received: its headers and value. Kept so that a held event can be
 * parked and decoded again later exactly as it arrived.
 */
public record RawEvent(Map<String, String> headers, byte[] value) {

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private static final EventCodec CODEC = new EventCodec();

  public static RawEvent of(ConsumerRecord<?, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      // Last one wins, as CloudEventHeaders.read expects.
      headers.put(
          header.key(),
          header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }
    return new RawEvent(headers, record.value());
  }

  public static RawEvent parked(String headersJson, String payload) {
    try {
      return new RawEvent(
          Json.MAPPER.readValue(headersJson, HEADERS),
          payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable parked event", e);
    }
  }

  /**
   * Decodes the envelope.
   *
   * @throws news.ticker.events.EventDecodingException for a poison record
   */
  public EventEnvelope decode() {
    return CloudEventHeaders.read(headers::get, value, CODEC);
  }

  public String headersJson() {
    return Json.text(headers);
  }

  public String payload() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
