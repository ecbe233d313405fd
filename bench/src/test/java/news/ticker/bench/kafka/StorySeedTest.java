package news.ticker.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.ContentCipher;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class StorySeedTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void aSeededStoryIsAValidStreamWithItsKeysFirst() throws Exception {
    StorySeed.Seeded seeded =
        StorySeed.generate(new Random(1), 200, Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(seeded.events()).isEqualTo(200);
    Map<String, byte[]> keys = new HashMap<>();
    Set<String> live = new HashSet<>();
    long expectedVersion = 1;
    int posts = 0;
    Instant lastTime = Instant.MIN;
    for (ProducerRecord<String, byte[]> r : seeded.records()) {
      if (r.topic().equals(Topics.CONTENT_KEYS)) {
        ContentKey key = EventCodec.MAPPER.readValue(r.value(), ContentKey.class);
        assertThat(r.key()).isEqualTo(key.keyId());
        assertThat(key.storyId()).isEqualTo(seeded.storyId());
        keys.put(key.keyId(), Base64.getDecoder().decode(key.key()));
        continue;
      }
      assertThat(r.topic()).isEqualTo(Topics.STORY_EVENTS);
      assertThat(r.key()).isEqualTo(seeded.storyId().toString());
      EventEnvelope envelope =
          CloudEventHeaders.read(
              name -> {
                Header h = r.headers().lastHeader(name);
                return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
              },
              r.value(),
              codec);
      assertThat(envelope.streamVersion()).isEqualTo(expectedVersion++);
      assertThat(envelope.time()).isEqualTo(envelope.data().occurredAt());
      assertThat(envelope.time()).isAfterOrEqualTo(lastTime);
      lastTime = envelope.time();
      StoryEvent event = (StoryEvent) envelope.data();
      if (event instanceof StoryEvent.StoryOpened) {
        assertThat(envelope.streamVersion()).isEqualTo(1);
      } else if (event instanceof StoryEvent.UpdatePosted p) {
        posts++;
        byte[] key = keys.get(p.updateId().toString());
        assertThat(key).as("key published before the post").isNotNull();
        assertThat(ContentCipher.open(p.body(), key)).startsWith("<p>");
        if (p.headline() != null) {
          assertThat(ContentCipher.open(p.headline(), key)).isNotBlank();
        }
        live.add(p.updateId().toString());
      } else if (event instanceof StoryEvent.UpdateEdited e) {
        assertThat(live).contains(e.updateId().toString());
        assertThat(ContentCipher.open(e.body(), keys.get(e.updateId().toString())))
            .startsWith("<p>");
      } else if (event instanceof StoryEvent.UpdateCorrected c) {
        assertThat(live).contains(c.updateId().toString());
        assertThat(ContentCipher.open(c.note(), keys.get(c.updateId().toString())))
            .startsWith("Correction");
      } else if (event instanceof StoryEvent.UpdateRetracted x) {
        assertThat(live.remove(x.updateId().toString())).isTrue();
      } else if (event instanceof StoryEvent.UpdatePinned x) {
        assertThat(live).contains(x.updateId().toString());
      } else if (event instanceof StoryEvent.UpdateUnpinned x) {
        assertThat(live).contains(x.updateId().toString());
      } else if (event instanceof StoryEvent.KeyEventMarked x) {
        assertThat(live).contains(x.updateId().toString());
      } else if (event instanceof StoryEvent.KeyEventUnmarked x) {
        assertThat(live).contains(x.updateId().toString());
      } else if (event instanceof StoryEvent.StoryChanged x) {
        assertThat(x.storyId()).isEqualTo(seeded.storyId());
      } else {
        throw new AssertionError("unexpected " + event);
      }
    }
    assertThat(expectedVersion - 1).isEqualTo(200);
    assertThat(keys).hasSize(seeded.keys()).hasSize(posts);
    assertThat(posts).isGreaterThan(120);
  }

  @Test
  void smallStoriesHaveExactlyTheirEvents() {
    for (int n = 2; n < 12; n++) {
      StorySeed.Seeded s = StorySeed.generate(new Random(n), n, Instant.now());
      long events = s.records().stream().filter(r -> r.topic().equals(Topics.STORY_EVENTS)).count();
      assertThat(events).isEqualTo(n);
      assertThat(s.events()).isEqualTo(n);
    }
  }

  @Test
  void fillerTextIsDeterministicAndSized() {
    String a = Payloads.words(new Random(3), 200);
    String b = Payloads.words(new Random(3), 200);
    assertThat(a).isEqualTo(b).hasSizeBetween(200, 260);
    assertThat(Payloads.htmlBody(new Random(3), 600)).startsWith("<p>").endsWith("</p>");
  }
}
