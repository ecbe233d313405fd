package news.ticker.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void absentHeaderMeansNoKey() {
    assertThat(IdempotencyKey.of(null, "ed", "POST", "/x", "{}")).isNull();
  }

  @Test
  void sameRequestSameHashAndAnyDifferenceChangesIt() {
    IdempotencyKey key = IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/stories", "{\"a\":1}");
    assertThat(IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/stories", "{\"a\":1}"))
        .isEqualTo(key);
    assertThat(IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/stories", "{\"a\":2}").requestHash())
        .isNotEqualTo(key.requestHash());
    assertThat(IdempotencyKey.of("k-1", "ed", "PUT", "/api/v1/stories", "{\"a\":1}").requestHash())
        .isNotEqualTo(key.requestHash());
    assertThat(IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/other", "{\"a\":1}").requestHash())
        .isNotEqualTo(key.requestHash());
  }

  @Test
  void malformedKeysAreRefusedNamingTheHeader() {
    for (String bad : new String[] {"", "has space", "x".repeat(256), "ünïcode"}) {
      assertThatThrownBy(() -> IdempotencyKey.of(bad, "ed", "POST", "/x", "{}"))
          .as(bad)
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.toProblem("/x").errors())
                    .extracting("field")
                    .containsExactly("Idempotency-Key");
              });
    }
  }
}
