package news.ticker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/events.md is the contract's reader-facing half: it must name every event type and topic. */
class EventsDocumentationTest {

  @Test
  void documentsEveryEventTypeAndTopic() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "events.md"));
    assertThat(EventCatalog.ALL)
        .allSatisfy(type -> assertThat(doc).contains("`" + type.ceType() + "`"));
    assertThat(Topics.ALL).allSatisfy(topic -> assertThat(doc).contains("`" + topic.name() + "`"));
  }
}
