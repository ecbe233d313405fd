package news.ticker.bench.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.ContentCipher;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.StoryEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Synthetic update texts (made-up words, never real journalism) and the Kafka records ingest would
 * publish for them: the content key on {@code ticker.content-keys} and the sealed event on {@code
 * ticker.story-events}, encoded with the events module.
 */
public final class Payloads {

  public static final String SOURCE = "/ticker/bench";
  public static final String ACTOR = "bench";
  private static final EventCodec CODEC = new EventCodec();

  private static final String[] WORDS = {
    "minister",
    "coalitie",
    "stemming",
    "kamer",
    "debat",
    "verklaring",
    "regering",
    "oppositie",
    "motie",
    "besluit",
    "woordvoerder",
    "bronnen",
    "vanavond",
    "later",
    "update",
    "eerder",
    "persconferentie",
    "Oekraïne",
    "Den Haag",
    "Brussel",
    "akkoord",
    "onderhandelingen",
    "reactie",
    "council",
    "statement",
    "briefing",
    "vote",
    "spokesperson",
    "evening",
    "minutes",
    "crowd",
    "rescue",
    "weather",
    "storm",
    "traffic",
    "“quote”",
    "résumé",
    "naïve",
    "—",
    "🙂",
    "2,5 miljard",
    "agreement",
    "negotiators",
    "delegates",
    "sources",
    "confirmed",
    "reported",
    "earlier",
    "today"
  };

  private Payloads() {}

  /** Deterministic filler sentences of about {@code chars} characters. */
  public static String words(Random random, int chars) {
    StringBuilder sb = new StringBuilder(chars + 32);
    boolean start = true;
    while (sb.length() < chars) {
      String w = WORDS[random.nextInt(WORDS.length)];
      if (start) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
        start = false;
      }
      sb.append(w);
      if (random.nextInt(9) == 0) {
        sb.append(". ");
        start = true;
      } else {
        sb.append(' ');
      }
    }
    return sb.toString().trim() + ".";
  }

  /** An update body of a few paragraphs of filler, about {@code chars} characters of HTML. */
  public static String htmlBody(Random random, int chars) {
    StringBuilder sb = new StringBuilder();
    int paragraphs = 1 + chars / 300;
    for (int i = 0; i < paragraphs; i++) {
      sb.append("<p>").append(words(random, chars / paragraphs - 7)).append("</p>");
    }
    return sb.toString();
  }

  /** A fresh content key for an update. */
  public record UpdateKey(UUID updateId, UUID storyId, byte[] key, Instant createdAt) {
    public String keyId() {
      return updateId.toString();
    }

    public ContentKey contentKey() {
      return new ContentKey(
          keyId(), storyId, ContentKey.A256GCM, Base64.getEncoder().encodeToString(key), createdAt);
    }
  }

  public static UpdateKey newKey(UUID storyId, UUID updateId, Instant now) {
    return new UpdateKey(updateId, storyId, ContentCipher.newKey(), now);
  }

  /** The record that publishes a key, as ingest's outbox relay sends it. */
  public static ProducerRecord<String, byte[]> keyRecord(String topic, UpdateKey key) {
    try {
      ProducerRecord<String, byte[]> r =
          new ProducerRecord<>(
              topic, key.keyId(), EventCodec.MAPPER.writeValueAsBytes(key.contentKey()));
      r.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
      return r;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The record of an event: CloudEvents binary mode, key = stream id. */
  public static ProducerRecord<String, byte[]> eventRecord(
      String topic, StoryEvent event, long version) {
    EventEnvelope envelope =
        new EventEnvelope(Ids.newId(), SOURCE, event.occurredAt(), version, event);
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(topic, envelope.subject(), CODEC.encode(event));
    for (Map.Entry<String, String> h : CloudEventHeaders.of(envelope).entrySet()) {
      r.headers().add(h.getKey(), bytes(h.getValue()));
    }
    return r;
  }

  /** An update-posted event with its texts sealed under the update's key. */
  public static StoryEvent.UpdatePosted posted(
      UpdateKey key, String headline, String body, Instant publishedAt, Instant now) {
    return new StoryEvent.UpdatePosted(
        key.storyId(),
        key.updateId(),
        ContentCipher.seal(key.keyId(), key.key(), headline),
        ContentCipher.seal(key.keyId(), key.key(), body),
        List.of("Bench Reporter"),
        false,
        false,
        publishedAt,
        null,
        ACTOR,
        now);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
