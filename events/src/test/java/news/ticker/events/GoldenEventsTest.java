package news.ticker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format is the contract: every event type has a golden JSON file under {@code
 * src/test/resources/golden}. Changing a record's shape fails here until the change is made
 * deliberately (a new version, the old golden file kept, and an upcaster). A missing golden file is
 * written to {@code target/golden-candidates} for review.
 */
class GoldenEventsTest {

  private final EventCodec codec = new EventCodec();

  static Stream<EventType> types() {
    return EventCatalog.ALL.stream();
  }

  @Test
  void everyTypeHasASample() {
    assertThat(SampleEvents.BY_TYPE.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.ALL);
  }

  @ParameterizedTest
  @MethodSource("types")
  void encodesExactlyAsTheGoldenFile(EventType type) throws IOException {
    Event sample = SampleEvents.BY_TYPE.get(type);
    JsonNode encoded = EventCodec.MAPPER.readTree(codec.encode(sample));
    JsonNode golden = golden(type, encoded);
    assertThat(encoded).as("wire format of %s", type.ceType()).isEqualTo(golden);
  }

  @ParameterizedTest
  @MethodSource("types")
  void decodesTheGoldenFileToTheSample(EventType type) throws IOException {
    Event sample = SampleEvents.BY_TYPE.get(type);
    JsonNode golden = golden(type, EventCodec.MAPPER.readTree(codec.encode(sample)));
    Event decoded = codec.decode(type.ceType(), EventCodec.MAPPER.writeValueAsBytes(golden));
    assertThat(decoded).isEqualTo(sample);
  }

  @Test
  void typeNamesAreTheContractsNotClassNames() {
    assertThat(EventCatalog.of(StoryEvent.UpdatePosted.class).ceType())
        .isEqualTo("news.ticker.update-posted.v1");
    assertThat(EventCatalog.ALL).allSatisfy(t -> assertThat(t.name()).matches("[a-z]+(-[a-z]+)+"));
  }

  private static JsonNode golden(EventType type, JsonNode candidate) throws IOException {
    String file = "golden/" + type.name() + ".v" + type.version() + ".json";
    try (InputStream in = GoldenEventsTest.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        Path out = Path.of("target/golden-candidates").resolve(file);
        Files.createDirectories(out.getParent());
        Files.writeString(
            out, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(candidate));
        throw new AssertionError(
            "no golden file " + file + "; review " + out.toAbsolutePath() + " and copy it there");
      }
      return EventCodec.MAPPER.readTree(in);
    }
  }
}
