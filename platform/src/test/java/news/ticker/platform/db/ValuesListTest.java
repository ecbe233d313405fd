package news.ticker.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValuesListTest {

  @Test
  void numbersParametersRowByRowAndCastsWhereAsked() {
    assertThat(ValuesList.of(2, null, "uuid"))
        .isEqualTo("(?1, cast(?2 as uuid)), (?3, cast(?4 as uuid))");
  }

  @Test
  void oneRow() {
    assertThat(ValuesList.of(1, "text")).isEqualTo("(cast(?1 as text))");
  }
}
