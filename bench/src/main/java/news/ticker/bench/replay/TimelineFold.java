package news.ticker.bench.replay;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.contentkey.KeyRing;
import news.ticker.timeline.contentkey.MissingContentKeyException;
import news.ticker.timeline.projection.ChangeRenderer;
import news.ticker.timeline.projection.RawEvent;
import news.ticker.timeline.story.StoryFold;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The bench's only entry into the timeline's projection code: the work of a rebuild without its
 * database, per record. Content keys go into an in-memory key ring; a story event is decoded as the
 * timeline decodes it ({@code RawEvent}), rendered ({@code ChangeRenderer}: decrypts its texts and
 * sanitises the HTML with the platform's sanitizer) and folded into its story ({@code StoryFold}).
 *
 * <p>Kept in one small class on purpose: when the timeline's projection is redesigned, only this
 * class has to follow (the fold limit must stay "the same work as a rebuild, minus the database").
 *
 * <p>Memory: folds hold every update's rendered texts, so at most {@code maxStories} stories are
 * kept, least recently touched out first. A story's events are contiguous in its partition when the
 * bench seeds them, so an evicted story is normally finished; one that comes back starts a fresh
 * fold (counted in {@link #revisited()}), which only makes it lighter work.
 */
public final class TimelineFold {

  /** What became of one record. */
  public enum Outcome {
    FOLDED,
    /** A content-key record (published or destroyed). */
    KEY,
    /** A text sealed under a key the ring does not know (a rebuild would wait for it). */
    MISSING_KEY,
    /** Did not decode or render: the live consumer dead-letters such a record. */
    POISON,
    /** A valid event of another stream (articles): decoded, not folded. */
    OTHER
  }

  private final Map<String, byte[]> keys = new HashMap<>();
  private final Set<String> destroyed = new HashSet<>();
  private final KeyRing ring = this::lookup;
  private final Map<UUID, StoryFold> stories;
  private final Set<UUID> evicted = new HashSet<>();
  private long revisited;

  public TimelineFold(int maxStories) {
    this.stories =
        new LinkedHashMap<>(1_024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, StoryFold> eldest) {
            if (size() > maxStories) {
              evicted.add(eldest.getKey());
              return true;
            }
            return false;
          }
        };
  }

  /** A record of {@code ticker.content-keys}: key id, JSON value (null: destroyed). */
  public Outcome key(String keyId, byte[] value) {
    if (keyId == null) {
      return Outcome.POISON;
    }
    if (value == null) {
      keys.remove(keyId);
      destroyed.add(keyId);
      return Outcome.KEY;
    }
    try {
      ContentKey key =
          EventCodec.MAPPER.readValue(new String(value, StandardCharsets.UTF_8), ContentKey.class);
      if (!keyId.equals(key.keyId()) || key.key() == null) {
        return Outcome.POISON;
      }
      byte[] bytes = Base64.getDecoder().decode(key.key());
      if (bytes.length != 32) {
        return Outcome.POISON;
      }
      if (!destroyed.contains(keyId)) {
        keys.put(keyId, bytes);
      }
      return Outcome.KEY;
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Outcome.POISON;
    }
  }

  /** A record of an event stream: decoded, and folded when it is a story event. */
  public Outcome event(ConsumerRecord<?, byte[]> record) {
    EventEnvelope envelope;
    try {
      envelope = RawEvent.of(record).decode();
    } catch (EventDecodingException e) {
      return Outcome.POISON;
    }
    if (!(envelope.data() instanceof StoryEvent event)) {
      return Outcome.OTHER;
    }
    if (event.storyId() == null || envelope.streamVersion() < 1) {
      return Outcome.POISON;
    }
    Change change;
    try {
      change = ChangeRenderer.render(envelope, ring);
    } catch (MissingContentKeyException e) {
      return Outcome.MISSING_KEY;
    } catch (EventDecodingException e) {
      return Outcome.POISON;
    }
    StoryFold fold = stories.get(change.storyId());
    if (fold == null) {
      if (evicted.remove(change.storyId())) {
        revisited++;
      }
      fold = new StoryFold(change.storyId());
      stories.put(change.storyId(), fold);
    }
    fold.apply(change);
    return Outcome.FOLDED;
  }

  /** Keys in the ring (published, not destroyed). */
  public int keyCount() {
    return keys.size();
  }

  /** Stories folded so far that are still held. */
  public int storiesHeld() {
    return stories.size();
  }

  /** Stories that came back after they had been let go (see the class comment). */
  public long revisited() {
    return revisited;
  }

  /** The version a held story's fold has reached, or -1. */
  public long version(UUID storyId) {
    StoryFold fold = stories.get(storyId);
    return fold == null ? -1 : fold.version();
  }

  /** The number of updates in a held story's feed, or -1. */
  public int feedSize(UUID storyId) {
    StoryFold fold = stories.get(storyId);
    return fold == null ? -1 : fold.feed().size();
  }

  private KeyRing.Lookup lookup(String keyId) {
    byte[] key = keys.get(keyId);
    if (key != null) {
      return new KeyRing.Available(key);
    }
    return destroyed.contains(keyId) ? new KeyRing.Destroyed() : new KeyRing.Missing();
  }
}
