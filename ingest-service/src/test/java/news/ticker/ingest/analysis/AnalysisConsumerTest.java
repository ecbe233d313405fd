package news.ticker.ingest.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import news.ticker.events.AnalysisEvent;
import news.ticker.events.AnalysisEvent.AnalysisPublished;
import news.ticker.events.AnalysisEvent.AnalysisRevised;
import news.ticker.events.AnalysisEvent.AnalysisWithdrawn;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.AnalysisAttached;
import news.ticker.events.StoryEvent.AnalysisDetached;
import news.ticker.events.Topics;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import news.ticker.ingest.support.TopicRecorder.Received;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Analyses enter the story's history through ticker.analysis-events, once each. */
@QuarkusTest
class AnalysisConsumerTest {

  private static final EventCodec CODEC = new EventCodec();

  @Test
  void analysesAreAttachedRevisedAndDetachedOnceEvenWhenRedelivered() {
    UUID storyId = Newsroom.openStory("Met analyse");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Uitslag</p>");
    UUID analysisId = Ids.newId();
    EventEnvelope published =
        envelope(
            1,
            new AnalysisPublished(
                analysisId,
                storyId,
                updateId,
                "Waarom MFK won",
                "Een analyse",
                List.of("Bas"),
                "nl",
                1_200,
                6,
                "https://nos.nl/analyse/1",
                "analyst-1",
                Instant.now()));
    EventEnvelope revised =
        envelope(
            2,
            new AnalysisRevised(
                analysisId,
                storyId,
                updateId,
                "Waarom MFK won (bijgewerkt)",
                "Een analyse",
                List.of("Bas"),
                "nl",
                1_300,
                7,
                "https://nos.nl/analyse/1",
                "analyst-1",
                Instant.now()));
    EventEnvelope withdrawn =
        envelope(3, new AnalysisWithdrawn(analysisId, storyId, "analyst-1", Instant.now()));

    send(published);
    send(published);
    send(revised);
    awaitVersion(storyId, 4);
    // A redelivered sequence: already applied, so it neither appends nor brings back old metadata.
    send(published);
    send(revised);
    send(withdrawn);
    awaitVersion(storyId, 5);
    send(withdrawn);
    send(published);
    // Records of one analysis are processed in order: once this later event is in, the
    // redeliveries before it are known to have been skipped.
    EventEnvelope republished =
        envelope(
            4,
            new AnalysisPublished(
                analysisId,
                storyId,
                null,
                "Opnieuw gepubliceerd",
                null,
                List.of("Bas"),
                "nl",
                1_300,
                7,
                "https://nos.nl/analyse/1",
                "analyst-1",
                Instant.now()));
    send(republished);
    awaitVersion(storyId, 6);

    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 6);
    AnalysisAttached attached = Published.data(events.get(2), AnalysisAttached.class);
    assertThat(attached.analysisId()).isEqualTo(analysisId);
    assertThat(attached.title()).isEqualTo("Waarom MFK won");
    assertThat(attached.readingTimeMinutes()).isEqualTo(6);
    assertThat(attached.anchorUpdateId()).isEqualTo(updateId);
    assertThat(attached.link()).isEqualTo("https://nos.nl/analyse/1");
    assertThat(attached.actor()).isEqualTo("analyst-1");
    AnalysisAttached revisedAttachment = Published.data(events.get(3), AnalysisAttached.class);
    assertThat(revisedAttachment.title()).isEqualTo("Waarom MFK won (bijgewerkt)");
    assertThat(revisedAttachment.readingTimeMinutes()).isEqualTo(7);
    assertThat(Published.data(events.get(4), AnalysisDetached.class).analysisId())
        .isEqualTo(analysisId);
    assertThat(Published.data(events.get(5), AnalysisAttached.class).title())
        .isEqualTo("Opnieuw gepubliceerd");
    assertThat(Database.version(storyId)).isEqualTo(6);
  }

  @Test
  void anAnalysisOfAnUnknownStoryOrAnUndecodableRecordGoesToTheDeadLetterTopic() {
    UUID analysisId = Ids.newId();
    UUID unknownStory = UUID.randomUUID();
    send(
        envelope(
            1,
            new AnalysisPublished(
                analysisId,
                unknownStory,
                null,
                "Verdwaald",
                null,
                List.of(),
                "nl",
                100,
                1,
                "https://nos.nl/analyse/x",
                "analyst-1",
                Instant.now())));
    UUID brokenKey = UUID.randomUUID();
    sendRaw(brokenKey.toString(), Map.of("ce_specversion", "1.0", "ce_type", "nonsense"), "{}");

    Received dead = Published.awaitRecords(Topics.INGEST_DEAD_LETTER, analysisId, 1).get(0);
    assertThat(dead.header("dead-letter-reason")).contains(unknownStory.toString());
    assertThat(dead.header("ce_type")).isEqualTo("news.ticker.analysis-published.v1");
    Received undecodable = Published.awaitRecords(Topics.INGEST_DEAD_LETTER, brokenKey, 1).get(0);
    assertThat(undecodable.header("dead-letter-reason")).isNotBlank();
    assertThat(Database.version(unknownStory)).isZero();
  }

  @Test
  void aRedactedAnalysisKeepsOnlyItsPublicNoteOnTheStory() {
    UUID storyId = Newsroom.openStory("Met geredigeerde analyse");
    UUID analysisId = Ids.newId();
    send(
        envelope(
            1,
            new AnalysisPublished(
                analysisId,
                storyId,
                null,
                "Te verwijderen",
                null,
                List.of("Bas"),
                "nl",
                1_200,
                6,
                "https://nos.nl/analyse/2",
                "analyst-1",
                Instant.now())));
    awaitVersion(storyId, 2);

    send(
        envelope(
            2,
            new AnalysisEvent.AnalysisRedacted(
                analysisId, storyId, "Removed by court order", "admin-1", Instant.now())));

    awaitVersion(storyId, 3);
    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 3);
    assertThat(events.get(1).data()).isInstanceOf(AnalysisAttached.class);
    StoryEvent.AnalysisAttachmentRedacted redacted =
        Published.data(events.get(2), StoryEvent.AnalysisAttachmentRedacted.class);
    assertThat(redacted.analysisId()).isEqualTo(analysisId);
    assertThat(redacted.reason()).isEqualTo("Removed by court order");
  }

  private static void awaitVersion(UUID storyId, long version) {
    await().atMost(Duration.ofSeconds(30)).until(() -> Database.version(storyId) >= version);
    assertThat(Database.version(storyId)).isEqualTo(version);
  }

  private static EventEnvelope envelope(long version, AnalysisEvent event) {
    return new EventEnvelope(Ids.newId(), "/ticker/analysis", event.occurredAt(), version, event);
  }

  private static void send(EventEnvelope envelope) {
    sendRaw(
        envelope.subject(),
        CloudEventHeaders.of(envelope),
        new String(CODEC.encode(envelope.data()), StandardCharsets.UTF_8));
  }

  private static void sendRaw(String key, Map<String, String> headers, String value) {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(Topics.ANALYSIS_EVENTS, key, value.getBytes(StandardCharsets.UTF_8));
      headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + Topics.ANALYSIS_EVENTS, e);
    }
  }
}
