package news.ticker.timeline.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import news.ticker.timeline.Json;
import org.junit.jupiter.api.Test;

/**
 * A change-log entry's JSON written around its stored data ({@link ChangeLog.Entry#json()}, what
 * SSE sends) is the same JSON as its {@code /changes} item ({@link ChangeLog.Entry#item()}), and
 * one line.
 */
class ChangeLogEntryTest {

  @Test
  void anUpdateWithItsIdAndNestedData() {
    ChangeLog.Entry entry =
        new ChangeLog.Entry(
            7,
            "update-posted",
            UUID.fromString("0190f5a2-7d4f-7c2b-8e3f-2a3b4c5d6e7f"),
            "{\"body\": \"<p>Het water 🌊 stijgt.</p>\", \"tags\": [\"a\", \"b\"], \"n\": 1.5}",
            true,
            Instant.parse("2026-12-07T10:15:30.123456789Z"));

    assertSameJson(entry);
  }

  @Test
  void aStoryChangeWithoutAnUpdate() {
    ChangeLog.Entry entry =
        new ChangeLog.Entry(
            1, "story-opened", null, "{}", false, Instant.parse("2026-12-07T10:15:30Z"));

    assertSameJson(entry);
    assertThat(entry.json()).contains("\"updateId\":null");
  }

  @Property(tries = 300, seed = "20261207")
  void anyStoredTextAndType(
      @ForAll("texts") String text,
      @ForAll("types") String type,
      @ForAll long version,
      @ForAll boolean withUpdate) {
    String data = Json.text(Json.object().put("text", text).put("version", version));
    ChangeLog.Entry entry =
        new ChangeLog.Entry(
            version,
            type,
            withUpdate ? new UUID(version, ~version) : null,
            data,
            false,
            Instant.ofEpochSecond(
                Math.floorMod(version, 4_000_000_000L), Math.floorMod(version, 1_000_000_000L)));

    assertSameJson(entry);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20);
  }

  private static void assertSameJson(ChangeLog.Entry entry) {
    String json = entry.json();
    assertThat(json).doesNotContain("\n").doesNotContain("\r");
    // Compared as written by Jackson: the tree of the text holds small numbers as ints, the item
    // longs, which JsonNode.equals would tell apart.
    assertThat(Json.text(Json.tree(json))).isEqualTo(Json.text(entry.item()));
  }
}
