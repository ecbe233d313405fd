package news.ticker.analysis.analysis;

import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.create;
import static news.ticker.analysis.testing.Analyses.draft;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.events.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newsroom creates an analysis right after opening its story, before the story event has
 * reached this service: the create request waits for the projection instead of answering 422.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class BrandNewStoryTest {

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
  void anAnalysisOfAStoryOpenedMomentsAfterTheRequestStartedIsAccepted() throws Exception {
    LiveStory story = feed.newStory();
    UUID anchor = Ids.newId();
    Map<String, Object> body = draft(story.id());
    body.put("updateId", anchor.toString());

    CompletableFuture<Response> request =
        CompletableFuture.supplyAsync(() -> create(ANALYST, body));
    // The story and its update are produced while the request is already waiting for them.
    Executor inAMoment = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
    CompletableFuture<Void> newsroom =
        CompletableFuture.runAsync(
            () -> {
              story.open();
              story.postUpdate(anchor);
            },
            inAMoment);

    Response response = request.get(30, TimeUnit.SECONDS);
    newsroom.get(30, TimeUnit.SECONDS);
    response
        .then()
        .statusCode(201)
        .body("storyId", is(story.id().toString()))
        .body("anchorUpdateId", is(anchor.toString()));
  }

  @Test
  void anUpdatePostedMomentsAfterTheRequestStartedIsAcceptedAsAnchor() throws Exception {
    LiveStory story = feed.openStory();
    UUID anchor = Ids.newId();
    Map<String, Object> body = draft(story.id());
    body.put("updateId", anchor.toString());

    CompletableFuture<Response> request =
        CompletableFuture.supplyAsync(() -> create(ANALYST, body));
    CompletableFuture<Void> reporter =
        CompletableFuture.runAsync(
            () -> story.postUpdate(anchor), CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));

    Response response = request.get(30, TimeUnit.SECONDS);
    reporter.get(30, TimeUnit.SECONDS);
    response.then().statusCode(201).body("anchorUpdateId", is(anchor.toString()));
  }
}
