package news.ticker.analysis.story;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import news.ticker.analysis.testing.ProjectionProbe;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.StoryEvent;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class StoryProjectionTest {

  static StoryFeed feed;

  @BeforeAll
  static void connect() {
    feed = StoryFeed.connect();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
  }

  @Test
  void eventsApplyInOrderAndRedeliveredOnesAreSkipped() {
    LiveStory story = feed.openStory();
    UUID update = story.postUpdate();
    EventEnvelope retraction =
        story.append(
            (id, now) -> new StoryEvent.UpdateRetracted(id, update, "wrong", "test-editor", now));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProjectionProbe.storyVersion(story.id()) == 3);
    assertThat(ProjectionProbe.updateRetracted(update)).isEqualTo(1);

    // The relay republishes after a crash: the same events again, then news.
    feed.send(retraction);
    feed.send(
        new EventEnvelope(
            Ids.newId(),
            "/ticker/ingest",
            Instant.now(),
            2,
            new StoryEvent.UpdatePosted(
                story.id(),
                update,
                null,
                null,
                List.of(),
                false,
                false,
                Instant.now(),
                null,
                "test-reporter",
                Instant.now())));
    story.close();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CLOSED".equals(ProjectionProbe.storyStatus(story.id())));
    assertThat(ProjectionProbe.storyVersion(story.id())).isEqualTo(4);
    assertThat(ProjectionProbe.updateRetracted(update)).isEqualTo(1);
  }

  /**
   * A burst over several stories arrives in few polls, so each poll is one transaction over many
   * stories: postings and retractions of the same update in one poll, a close, duplicates of
   * earlier versions and a record that does not decode in the middle. Every story ends where its
   * events say, and only the bad record is dead-lettered.
   */
  @Test
  void aBurstOverSeveralStoriesInOnePollAppliesEachStoryInOrderAndSkipsOnlyTheBadRecord() {
    try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
      List<LiveStory> stories = IntStream.range(0, 5).mapToObj(i -> feed.openStory()).toList();
      Map<UUID, List<UUID>> posted = new java.util.HashMap<>();
      List<EventEnvelope> sent = new java.util.ArrayList<>();
      String poisonKey = Ids.newId().toString();
      for (int round = 0; round < 6; round++) {
        for (LiveStory story : stories) {
          UUID update = story.postUpdate();
          posted.computeIfAbsent(story.id(), id -> new java.util.ArrayList<>()).add(update);
          if (round % 2 == 1) {
            sent.add(
                story.append(
                    (id, now) ->
                        new StoryEvent.UpdateRetracted(id, update, "fout", "test-editor", now)));
          }
        }
        if (round == 2) {
          feed.sendRaw(poisonKey, "{half".getBytes(StandardCharsets.UTF_8), Map.of());
          // The relay republishing what it sent before: duplicates inside the burst.
          sent.forEach(feed::send);
        }
      }
      stories.get(0).close();
      for (LiveStory story : stories) {
        long version = story.version();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ProjectionProbe.storyVersion(story.id()) == version);
      }
      assertThat(ProjectionProbe.storyStatus(stories.get(0).id())).isEqualTo("CLOSED");
      assertThat(ProjectionProbe.storyStatus(stories.get(1).id())).isEqualTo("OPEN");
      for (LiveStory story : stories) {
        List<UUID> updates = posted.get(story.id());
        for (int round = 0; round < updates.size(); round++) {
          assertThat(ProjectionProbe.updateRetracted(updates.get(round)))
              .as("story %s, round %d", story.id(), round)
              .isEqualTo(round % 2 == 1 ? 1 : 0);
        }
      }
      List<ConsumerRecord<String, byte[]>> received = awaitDeadLettered(deadLetters, poisonKey);
      assertThat(received)
          .extracting(ConsumerRecord::key)
          .as("only the bad record is dead-lettered")
          .doesNotContainAnyElementsOf(
              stories.stream().map(story -> story.id().toString()).toList());
    }
  }

  @Test
  void aRecordThatDoesNotDecodeGoesToTheDeadLettersAndTheProjectionGoesOn() {
    try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
      String poisonKey = Ids.newId().toString();
      feed.sendRaw(
          poisonKey,
          "{not json".getBytes(StandardCharsets.UTF_8),
          Map.of(
              "ce_specversion", "1.0",
              "ce_id", Ids.newId().toString(),
              "ce_type", "news.ticker.story-opened.v1",
              "ce_source", "/ticker/ingest",
              "ce_subject", poisonKey,
              "ce_time", Instant.now().toString(),
              "ce_streamversion", "1"));
      String unknownTypeKey = Ids.newId().toString();
      feed.sendRaw(
          unknownTypeKey,
          "{}".getBytes(StandardCharsets.UTF_8),
          Map.of("ce_specversion", "1.0", "ce_type", "news.ticker.story-opened.v99"));
      LiveStory after = feed.openStory();

      List<ConsumerRecord<String, byte[]>> received =
          awaitDeadLettered(deadLetters, poisonKey, unknownTypeKey);
      ConsumerRecord<String, byte[]> poison =
          received.stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
      assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
      assertThat(poison.headers().lastHeader("dead-letter-reason")).isNotNull();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ProjectionProbe.storyVersion(after.id()) == 1);
    }
    given().get("/q/health/well").then().body("checks.name", hasItem("story-projection"));
  }

  @Test
  void readinessIsOnlyTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
        .body("checks.name", not(hasItem("kafka")))
        .body("checks.name", not(hasItem("story-projection")))
        // The messaging check stays (empty) for other channels; the projection's is not in it.
        .body("checks.find { it.name.contains('Messaging') }.data", not(hasKey("story-events")));
  }

  /** The dead letters read until those with the keys are among them. */
  private static List<ConsumerRecord<String, byte[]>> awaitDeadLettered(
      KafkaConsumer<String, byte[]> deadLetters, String... keys) {
    List<ConsumerRecord<String, byte[]>> received = new java.util.ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              deadLetters.poll(Duration.ofMillis(200)).forEach(received::add);
              assertThat(received).extracting(ConsumerRecord::key).contains(keys);
            });
    return received;
  }

  private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        IntStream.range(0, Topics.PARTITIONS)
            .mapToObj(p -> new TopicPartition(Topics.ANALYSIS_DEAD_LETTER, p))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }
}
