package news.ticker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void newIdsAreVersion7AndSortByTime() {
    UUID first = Ids.newId();
    UUID second = Ids.newId();
    assertThat(first.version()).isEqualTo(7);
    assertThat(first.variant()).isEqualTo(2);
    assertThat(first.getMostSignificantBits() >>> 16)
        .isLessThanOrEqualTo(second.getMostSignificantBits() >>> 16);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void importedIdsAreDeterministicPerStoryAndSource() {
    UUID story = Ids.newId();
    UUID id = Ids.importedUpdateId(story, "602fd0c48f08ad21ea600275");
    assertThat(id.version()).isEqualTo(5);
    assertThat(Ids.importedUpdateId(story, "602fd0c48f08ad21ea600275")).isEqualTo(id);
    assertThat(Ids.importedUpdateId(story, "other")).isNotEqualTo(id);
    assertThat(Ids.importedUpdateId(Ids.newId(), "602fd0c48f08ad21ea600275")).isNotEqualTo(id);
  }

  @Test
  void nameBasedMatchesRfcExample() {
    // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(Ids.nameBased(dns, "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
  }
}
