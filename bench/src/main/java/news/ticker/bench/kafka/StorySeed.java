package news.ticker.bench.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import news.ticker.events.ContentCipher;
import news.ticker.events.Ids;
import news.ticker.events.StoryEvent;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One synthetic live story as ingest would have published it: {@code story-opened} (version 1),
 * then a realistic mix of posts, edits, corrections, key events, pins, retractions and header
 * changes, every command valid in the story's state, each text sealed under its update's key, and
 * each key published before the first event sealed under it.
 */
public final class StorySeed {

  /** The records of one story, in the order to send them. */
  public record Seeded(
      UUID storyId, List<ProducerRecord<String, byte[]>> records, int events, int keys) {}

  /** Filler texts made once: generating them per event would cost more than sealing them. */
  private static final class Texts {
    static final List<String> HEADLINES = new ArrayList<>();
    static final List<String> BODIES = new ArrayList<>();
    static final List<String> SHORT = new ArrayList<>();

    static {
      Random r = new Random(2025);
      for (int i = 0; i < 400; i++) {
        HEADLINES.add(Payloads.words(r, 60));
        BODIES.add(Payloads.htmlBody(r, 350 + r.nextInt(500)));
        SHORT.add(Payloads.words(r, 40 + r.nextInt(80)));
      }
    }

    static String pick(List<String> list, Random random) {
      return list.get(random.nextInt(list.size()));
    }
  }

  private StorySeed() {}

  public static Seeded generate(Random random, int events, Instant start) {
    UUID storyId = Ids.newId();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events * 2);
    Map<UUID, Payloads.UpdateKey> keys = new HashMap<>();
    List<UUID> live = new ArrayList<>();
    Set<UUID> keyEvents = new HashSet<>();
    UUID pinned = null;
    int keyRecords = 0;
    long version = 0;
    Instant time = start;
    String title = "Bench replay story " + storyId.toString().substring(0, 8);
    records.add(
        Payloads.eventRecord(
            Topics.STORY_EVENTS,
            new StoryEvent.StoryOpened(
                storyId,
                title,
                "bench-replay-" + storyId,
                "Bench",
                "nl",
                Texts.pick(Texts.SHORT, random),
                List.of("bench"),
                "https://bench.example/stories/" + storyId,
                start,
                Payloads.ACTOR,
                time),
            ++version));
    while (version < events) {
      time = time.plus(Duration.ofMillis(500 + random.nextInt(30_000)));
      int roll = random.nextInt(100);
      long remaining = events - version;
      StoryEvent event;
      if (roll < 78 || live.isEmpty()) {
        UUID updateId = Ids.newId();
        Payloads.UpdateKey key = Payloads.newKey(storyId, updateId, time);
        keys.put(updateId, key);
        records.add(Payloads.keyRecord(Topics.CONTENT_KEYS, key));
        keyRecords++;
        event =
            Payloads.posted(
                key,
                random.nextInt(3) == 0 ? null : Texts.pick(Texts.HEADLINES, random),
                Texts.pick(Texts.BODIES, random),
                time,
                time);
        live.add(updateId);
      } else if (roll < 86) {
        UUID id = live.get(random.nextInt(live.size()));
        Payloads.UpdateKey key = keys.get(id);
        event =
            new StoryEvent.UpdateEdited(
                storyId,
                id,
                ContentCipher.seal(key.keyId(), key.key(), Texts.pick(Texts.HEADLINES, random)),
                ContentCipher.seal(key.keyId(), key.key(), Texts.pick(Texts.BODIES, random)),
                List.of("Bench Reporter"),
                Payloads.ACTOR,
                time);
      } else if (roll < 89) {
        UUID id = live.get(random.nextInt(live.size()));
        Payloads.UpdateKey key = keys.get(id);
        event =
            new StoryEvent.UpdateCorrected(
                storyId,
                id,
                ContentCipher.seal(key.keyId(), key.key(), Texts.pick(Texts.HEADLINES, random)),
                ContentCipher.seal(key.keyId(), key.key(), Texts.pick(Texts.BODIES, random)),
                List.of("Bench Reporter"),
                ContentCipher.seal(
                    key.keyId(), key.key(), "Correction: " + Texts.pick(Texts.SHORT, random)),
                Payloads.ACTOR,
                time);
      } else if (roll < 93) {
        UUID id = live.get(random.nextInt(live.size()));
        if (keyEvents.add(id)) {
          event = new StoryEvent.KeyEventMarked(storyId, id, Payloads.ACTOR, time);
        } else {
          keyEvents.remove(id);
          event = new StoryEvent.KeyEventUnmarked(storyId, id, Payloads.ACTOR, time);
        }
      } else if (roll < 96 && remaining >= 2) {
        UUID id = live.get(random.nextInt(live.size()));
        if (id.equals(pinned)) {
          event = new StoryEvent.UpdateUnpinned(storyId, id, Payloads.ACTOR, time);
          pinned = null;
        } else {
          if (pinned != null) {
            records.add(
                Payloads.eventRecord(
                    Topics.STORY_EVENTS,
                    new StoryEvent.UpdateUnpinned(storyId, pinned, Payloads.ACTOR, time),
                    ++version));
          }
          event = new StoryEvent.UpdatePinned(storyId, id, Payloads.ACTOR, time);
          pinned = id;
        }
      } else if (roll < 98) {
        UUID id = live.get(random.nextInt(live.size()));
        if (id.equals(pinned)) {
          event = new StoryEvent.UpdateUnpinned(storyId, id, Payloads.ACTOR, time);
          pinned = null;
        } else {
          live.remove(id);
          keyEvents.remove(id);
          event =
              new StoryEvent.UpdateRetracted(storyId, id, "bench: retracted", Payloads.ACTOR, time);
        }
      } else {
        event =
            new StoryEvent.StoryChanged(
                storyId,
                title,
                "Bench",
                Texts.pick(Texts.SHORT, random),
                List.of("bench", "changed"),
                "https://bench.example/stories/" + storyId,
                Payloads.ACTOR,
                time);
      }
      records.add(Payloads.eventRecord(Topics.STORY_EVENTS, event, ++version));
    }
    return new Seeded(storyId, records, (int) version, keyRecords);
  }
}
