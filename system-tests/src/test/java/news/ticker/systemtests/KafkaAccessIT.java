package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.process.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Every service runs as its own SCRAM user with only the ACLs its declaration grants (events'
 * {@code KafkaAccess}; see {@link SystemStack}). The write path of the other system tests proves
 * the channels, the relay and the live follower; this one proves the admin clients, whose failures
 * only show in the wellness checks: the broker count, and each consumer group's lag, read with
 * describe and list-offsets calls that the ACLs must allow.
 */
class KafkaAccessIT {

  private final SystemStack stack = SystemStack.get();

  @Test
  void everyServicesAdminClientDescribesWhatItNeedsUnderItsOwnAcls() {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live: toegang tot Kafka");
    Api.postUpdate(stack.ingest, editor, story, "<p>Een update onder de eigen gebruiker.</p>");
    Api.awaitLastVersion(stack.timeline, story, 2, Duration.ofSeconds(30));

    assertAnswers(stack.ingest, "kafka", "brokers");
    assertAnswers(stack.timeline, "kafka", "brokers");
    assertAnswers(stack.timeline, "projection-lag", "lag");
    assertAnswers(stack.analysis, "kafka", "brokers");
    assertAnswers(stack.analysis, "story-projection", "lag");
  }

  /** The wellness check {@code name} read its figure {@code datum}, without an error. */
  private static void assertAnswers(ServiceProcess service, String name, String datum) {
    Response well = Api.at(service).get("/q/health/well");
    List<Map<String, Object>> checks = well.jsonPath().getList("checks");
    Map<String, Object> check =
        checks.stream()
            .filter(c -> name.equals(c.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no check " + name + " in " + well.asString()));
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) check.get("data");
    assertThat(data).as("%s of %s", name, service).doesNotContainKey("error").containsKey(datum);
    assertThat(((Number) data.get(datum)).longValue())
        .as("%s of %s", name, service)
        .isNotNegative();
  }
}
