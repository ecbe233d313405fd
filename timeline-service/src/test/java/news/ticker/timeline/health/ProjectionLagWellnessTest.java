package news.ticker.timeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import news.ticker.events.Topics;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.StoryScript;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The wellness checks that ask Kafka's brokers, through the platform's one admin client configured
 * from the channels' settings, against the test broker.
 */
@QuarkusTest
class ProjectionLagWellnessTest {

  private final Newsroom newsroom = Newsroom.get();

  @Test
  void theProjectionsLagAndTheBrokersAreReadFromKafka() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Achterstand"));
    Api.awaitVersion(story.storyId, 1);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonPath well = given().get("/q/health/well").jsonPath();
              Map<String, Object> lag =
                  well.getMap("checks.find { it.name == 'projection-lag' }.data");
              assertThat(lag)
                  .doesNotContainKey("error")
                  .containsEntry("group", "timeline-projection")
                  .containsEntry("topic", Topics.STORY_EVENTS);
              assertThat(((Number) lag.get("lag")).longValue()).isBetween(0L, 1_000L);
              assertThat(well.getString("checks.find { it.name == 'projection-lag' }.status"))
                  .isEqualTo("UP");
              assertThat(well.getInt("checks.find { it.name == 'kafka' }.data.brokers"))
                  .isEqualTo(1);
            });
  }
}
