package news.ticker.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import news.ticker.events.EventEnvelope;

/** Assertions on a story's whole history, in the event store and on Kafka. */
public final class Histories {

  private Histories() {}

  /** Versions 1 to {@code version}, each once and in order, stored and published. */
  public static void assertGapFree(UUID storyId, long version) {
    List<Long> expected = LongStream.rangeClosed(1, version).boxed().toList();
    assertThat(Database.events(storyId))
        .extracting(Database.StoredEvent::version)
        .containsExactlyElementsOf(expected);
    List<EventEnvelope> published = Published.awaitStoryEvents(storyId, (int) version);
    assertThat(published)
        .extracting(EventEnvelope::streamVersion)
        .containsExactlyElementsOf(expected);
  }
}
