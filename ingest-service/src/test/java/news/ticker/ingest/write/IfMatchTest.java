package news.ticker.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

  @Test
  void noHeaderIsNoPrecondition() {
    assertThat(IfMatch.parse(null).isPresent()).isFalse();
    assertThatCode(() -> IfMatch.parse(null).check(7)).doesNotThrowAnyException();
  }

  @Test
  void matchesTheVersionOfAStrongEtag() {
    assertThatCode(() -> IfMatch.parse("\"7\"").check(7)).doesNotThrowAnyException();
    assertThatCode(() -> IfMatch.parse("\"6\", \"7\"").check(7)).doesNotThrowAnyException();
  }

  @Test
  void aStaleVersionIs412WithTheCurrentOne() {
    assertThatThrownBy(() -> IfMatch.parse("\"6\"").check(7))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(412);
              assertThat(e.headers()).containsEntry("ETag", "\"7\"");
            });
  }

  @Test
  void starMatchesAnyExistingVersion() {
    assertThatCode(() -> IfMatch.parse("*").check(3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> IfMatch.parse("*").check(0)).isInstanceOf(ProblemException.class);
  }

  @Test
  void weakOrMalformedTagsAre400() {
    for (String bad : new String[] {"W/\"7\"", "7", "\"seven\"", "\"7\",,"}) {
      assertThatThrownBy(() -> IfMatch.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }
}
