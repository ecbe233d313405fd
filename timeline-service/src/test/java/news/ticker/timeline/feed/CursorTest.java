package news.ticker.timeline.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import news.ticker.events.Ids;
import news.ticker.timeline.story.StoryCursor;
import org.junit.jupiter.api.Test;

/** Cursors are opaque to clients but must round-trip exactly and reject anything else. */
class CursorTest {

  @Test
  void feedCursorRoundTrips() {
    FeedCursor cursor = new FeedCursor(Instant.parse("2024-03-01T10:00:00.123456Z"), Ids.newId());
    String encoded = cursor.encode();
    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(FeedCursor.decode(encoded)).contains(cursor);
  }

  @Test
  void storyCursorRoundTrips() {
    StoryCursor cursor = new StoryCursor(true, Instant.parse("2024-03-01T10:00:00Z"), Ids.newId());
    assertThat(StoryCursor.decode(cursor.encode())).contains(cursor);
  }

  @Test
  void foreignTextIsNoCursor() {
    assertThat(FeedCursor.decode("nonsense!")).isEmpty();
    assertThat(FeedCursor.decode("")).isEmpty();
    StoryCursor story = new StoryCursor(false, Instant.now(), UUID.randomUUID());
    assertThat(FeedCursor.decode(story.encode())).isEmpty();
    assertThat(StoryCursor.decode(new FeedCursor(Instant.now(), UUID.randomUUID()).encode()))
        .isEmpty();
  }

  @Test
  void cursorOrderIsPublishedAtThenIdDescending() {
    Instant at = Instant.parse("2024-03-01T10:00:00Z");
    UUID low = UUID.fromString("00000000-0000-7000-8000-000000000001");
    UUID high = UUID.fromString("ffffffff-0000-7000-8000-000000000001");
    FeedCursor cursor = new FeedCursor(at, high);
    assertThat(cursor.isBefore(update(at, low))).isTrue();
    assertThat(cursor.isBefore(update(at.plusSeconds(1), low))).isFalse();
    assertThat(cursor.isBefore(update(at.minusSeconds(1), high))).isTrue();
    assertThat(cursor.isBefore(update(at, high))).isFalse();
  }

  private static PublicUpdate update(Instant at, UUID id) {
    return new PublicUpdate(id, null, null, null, false, false, false, at, at, null, null, null);
  }
}
