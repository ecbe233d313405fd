package news.ticker.analysis.content;

import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.analysis.testing.Analyses.create;
import static news.ticker.analysis.testing.Analyses.draft;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Word count and reading time as readers get them, for a long Dutch and a Chinese analysis. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class ReadingTimeTest {

  static StoryFeed feed;
  static LiveStory story;

  @BeforeAll
  static void openStory() {
    feed = StoryFeed.connect();
    story = feed.openStory();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
  }

  @Test
  void aLongDutchAnalysis() {
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    // 51 words a paragraph, 60 paragraphs: 3,060 words, a typical long read.
    body.put(
        "body", ("<p>" + ReadingMetricsTest.DUTCH_PARAGRAPH + "</p><h2>Tussenkop</h2>").repeat(60));

    create(ANALYST, body)
        .then()
        .statusCode(201)
        .body("wordCount", is(60 * 52))
        .body("readingTimeMinutes", is(14)); // 3120 / 230 = 13.57
  }

  @Test
  void aChineseAnalysis() {
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    body.put("title", "长江洪水分析");
    body.put("language", "zh-Hans");
    body.put("body", ("<p>长江流域今年遭遇了罕见的洪水。</p>").repeat(50)); // 14 characters each

    create(ANALYST, body)
        .then()
        .statusCode(201)
        .body("title", is("长江洪水分析"))
        .body("language", is("zh-Hans"))
        .body("wordCount", is(700))
        .body("readingTimeMinutes", is(4)); // 700 / 230 = 3.04
  }
}
