package news.ticker.analysis.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.SealedText;
import news.ticker.events.StoryEvent;
import news.ticker.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Writes story events to {@code ticker.story-events} the way ingest's outbox relay does:
 * CloudEvents binary headers, the story id as key, the codec's JSON as value.
 */
public final class StoryFeed implements AutoCloseable {

  private static final String SOURCE = "/ticker/ingest";

  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec = new EventCodec();

  private StoryFeed(KafkaProducer<String, byte[]> producer) {
    this.producer = producer;
  }

  /** A feed to the broker the application under test uses. */
  public static StoryFeed connect() {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new StoryFeed(
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
  }

  /** Opens a new story (version 1). */
  public LiveStory openStory() {
    return newStory().open();
  }

  /** A story with an id, not opened yet: nothing is sent until {@link LiveStory#open()}. */
  public LiveStory newStory() {
    return new LiveStory(this, Ids.newId());
  }

  /** Sends an envelope as ingest would. */
  public void send(EventEnvelope envelope) {
    byte[] value = codec.encode(envelope.data());
    sendRaw(envelope.subject(), value, CloudEventHeaders.of(envelope));
  }

  /** Sends any record, valid or not. */
  public void sendRaw(String key, byte[] value, Map<String, String> headers) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.STORY_EVENTS, key, value);
    headers.forEach(
        (name, headerValue) ->
            record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused a story event", e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }

  /** A story whose events this feed writes, version by version. */
  public static final class LiveStory {

    private final StoryFeed feed;
    private final UUID id;
    private final AtomicLong version = new AtomicLong();

    private LiveStory(StoryFeed feed, UUID id) {
      this.feed = feed;
      this.id = id;
    }

    public UUID id() {
      return id;
    }

    public long version() {
      return version.get();
    }

    /** Sends {@code story-opened}. */
    public LiveStory open() {
      append(
          (id, now) ->
              new StoryEvent.StoryOpened(
                  id,
                  "Storm floods the coast",
                  "storm-" + id,
                  "nl",
                  "nl",
                  "Live coverage",
                  List.of("weather"),
                  "https://ticker.news/live/storm-" + id,
                  now,
                  "test-editor",
                  now));
      return this;
    }

    /** Posts an update with a new id; returns it. */
    public UUID postUpdate() {
      UUID updateId = Ids.newId();
      postUpdate(updateId);
      return updateId;
    }

    /** Posts an update with the given id. */
    public void postUpdate(UUID updateId) {
      SealedText text = new SealedText(updateId.toString(), "AAECAwQFBgcICQoL", "c2VhbGVk");
      append(
          (story, now) ->
              new StoryEvent.UpdatePosted(
                  story,
                  updateId,
                  text,
                  text,
                  List.of("Reporter"),
                  false,
                  false,
                  now,
                  null,
                  "test-reporter",
                  now));
    }

    public void retract(UUID updateId) {
      append(
          (story, now) ->
              new StoryEvent.UpdateRetracted(story, updateId, "wrong", "test-editor", now));
    }

    public void close() {
      append((story, now) -> new StoryEvent.StoryClosed(story, now, "test-editor", now));
    }

    /** Sends the event at the next version. */
    public EventEnvelope append(EventFactory factory) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      EventEnvelope envelope =
          new EventEnvelope(
              Ids.newId(), SOURCE, now, version.incrementAndGet(), factory.create(id, now));
      feed.send(envelope);
      return envelope;
    }
  }

  /** Makes a story event for a story at a time. */
  @FunctionalInterface
  public interface EventFactory {
    StoryEvent create(UUID storyId, Instant now);
  }
}
