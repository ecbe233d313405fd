package news.ticker.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void absentHeaderMeansNoKey() {
    assertThat(IdempotencyKey.of(null, "ed", "POST", "/x", "{}", null)).isNull();
  }

  @Test
  void sameRequestSameHashAndAnyDifferenceChangesIt() {
    IdempotencyKey key =
        IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/stories", "{\"a\":1}", null);
    assertThat(IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/stories", "{\"a\":1}", null))
        .isEqualTo(key);
    assertThat(
            IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/stories", "{\"a\":2}", null)
                .requestHash())
        .isNotEqualTo(key.requestHash());
    assertThat(
            IdempotencyKey.of("k-1", "ed", "PUT", "/api/v1/stories", "{\"a\":1}", null)
                .requestHash())
        .isNotEqualTo(key.requestHash());
    assertThat(
            IdempotencyKey.of("k-1", "ed", "POST", "/api/v1/other", "{\"a\":1}", null)
                .requestHash())
        .isNotEqualTo(key.requestHash());
  }

  @Test
  void theFingerprintCoversIfMatchAndAnyDifferenceInItChangesIt() {
    String body = "{\"summary\":\"x\"}";
    String path = "/api/v1/stories/s";
    IdempotencyKey none = IdempotencyKey.of("k", "ed", "PATCH", path, body, null);
    IdempotencyKey v1 = IdempotencyKey.of("k", "ed", "PATCH", path, body, "\"1\"");
    assertThat(IdempotencyKey.of("k", "ed", "PATCH", path, body, "\"1\"")).isEqualTo(v1);
    assertThat(IdempotencyKey.of("k", "ed", "PATCH", path, body, " \"1\" ")).isEqualTo(v1);
    assertThat(IdempotencyKey.of("k", "ed", "PATCH", path, body, "")).isEqualTo(none);
    assertThat(v1.requestHash()).isNotEqualTo(none.requestHash());
    assertThat(IdempotencyKey.of("k", "ed", "PATCH", path, body, "\"2\"").requestHash())
        .isNotEqualTo(v1.requestHash());
    assertThat(IdempotencyKey.of("k", "ed", "PATCH", path, body, "W/\"1\"").requestHash())
        .isNotEqualTo(v1.requestHash());
    assertThat(IdempotencyKey.of("k", "ed", "PATCH", path, body, "*").requestHash())
        .isNotEqualTo(v1.requestHash());
  }

  @Test
  void theFingerprintIsTheOneAnalysisStoredBeforeSoItsKeysStillReplay() {
    // analysis-service hashed body + "\nIf-Match: " + value before the rule moved to the platform.
    assertThat(IdempotencyKey.fingerprint("PUT", "/a", "{}", "\"3\""))
        .isEqualTo(IdempotencyKey.hash("PUT", "/a", "{}\nIf-Match: \"3\""));
    assertThat(IdempotencyKey.fingerprint("POST", "/a", "", null))
        .isEqualTo(IdempotencyKey.hash("POST", "/a", ""));
  }

  @Test
  void malformedKeysAreRefusedNamingTheHeader() {
    for (String bad : new String[] {"", "has space", "x".repeat(256), "ünïcode"}) {
      assertThatThrownBy(() -> IdempotencyKey.of(bad, "ed", "POST", "/x", "{}", null))
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
