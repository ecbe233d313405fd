package news.ticker.analysis.analysis;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

  @Test
  void absentOrStarMatchesAnyVersion() {
    assertThatCode(() -> IfMatch.parse(null).check(7)).doesNotThrowAnyException();
    assertThatCode(() -> IfMatch.parse("*").check(7)).doesNotThrowAnyException();
  }

  @Test
  void aListMatchesWhenOneTagIsTheCurrentVersion() {
    assertThatCode(() -> IfMatch.parse("\"6\", W/\"7\"").check(7)).doesNotThrowAnyException();
  }

  @Test
  void aStaleTagIs412() {
    assertThatThrownBy(() -> IfMatch.parse("\"6\"").check(7))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(412));
  }

  @Test
  void anUnquotedTagIs400() {
    assertThatThrownBy(() -> IfMatch.parse("7"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(400));
  }
}
