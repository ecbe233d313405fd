package news.ticker.timeline.projection.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;
import org.junit.jupiter.api.Test;

/** Each "with" of a row changes exactly its own fields and keeps every other one. */
class ViewRowsTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final UUID STORY = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID PINNED = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-000000000002");

  private static final StoryRow STORY_ROW = story(ViewRows.LIVE, null, PINNED, 3, 7, T0);
  private static final UpdateRow UPDATE_ROW = marked(false, true, false, false, null, null);

  @Test
  void theStoryRowsLifecycleChangesOnlyItsOwnFields() {
    assertThat(STORY_ROW.at(8, T1)).isEqualTo(story(ViewRows.LIVE, null, PINNED, 3, 8, T1));
    assertThat(STORY_ROW.closed(T1)).isEqualTo(story(ViewRows.CLOSED, T1, PINNED, 3, 7, T0));
    assertThat(STORY_ROW.pinning(OTHER)).isEqualTo(story(ViewRows.LIVE, null, OTHER, 3, 7, T0));
    assertThat(STORY_ROW.pinning(null)).isEqualTo(story(ViewRows.LIVE, null, null, 3, 7, T0));
    assertThat(STORY_ROW.counting(4)).isEqualTo(story(ViewRows.LIVE, null, PINNED, 4, 7, T0));
    assertThat(STORY_ROW.counting(-1).updateCount()).isZero();
  }

  @Test
  void theMarksOfAnUpdateChangeOnlyThemselves() {
    assertThat(UPDATE_ROW.withKeyEvent(true))
        .isEqualTo(marked(true, true, false, false, null, null));
    assertThat(UPDATE_ROW.withPinned(false))
        .isEqualTo(marked(false, false, false, false, null, null));
    assertThat(UPDATE_ROW.retractedNow()).isEqualTo(marked(false, false, true, false, null, null));
    assertThat(UPDATE_ROW.correctedWith("Fixed", T1))
        .isEqualTo(marked(false, true, false, true, "Fixed", T1));
  }

  private static StoryRow story(
      String status, Instant end, UUID pinned, int count, long version, Instant updatedAt) {
    return new StoryRow(
        STORY,
        "Title",
        "slug",
        "World",
        "en",
        "Summary",
        List.of("a"),
        "https://example.org/a",
        status,
        T0,
        end,
        pinned,
        count,
        version,
        T0,
        updatedAt);
  }

  private static UpdateRow marked(
      boolean keyEvent,
      boolean pinned,
      boolean retracted,
      boolean corrected,
      String note,
      Instant correctedAt) {
    return new UpdateRow(
        PINNED,
        "Headline",
        "<p>Body</p>",
        List.of("Ann"),
        keyEvent,
        pinned,
        retracted,
        corrected,
        note,
        correctedAt,
        false,
        null,
        null,
        "key-1",
        T0,
        T0,
        T0,
        2);
  }
}
