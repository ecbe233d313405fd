package news.ticker.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import news.ticker.platform.problem.FieldError;
import news.ticker.platform.problem.Problem;
import news.ticker.platform.problem.ProblemException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every malformed parameter is the same 400 invalid-parameter problem naming the parameter. */
class ParamsTest {

  @Test
  void aUuidIsCanonicalInAnyCase() {
    UUID id = UUID.fromString("3f1c9c1e-6f1b-4c55-9e38-3c5b7a0c2b10");

    assertThat(Params.uuid("storyId", id.toString())).isEqualTo(id);
    assertThat(Params.uuid("storyId", id.toString().toUpperCase(Locale.ROOT))).isEqualTo(id);
  }

  @Test
  void anythingElseIsNotAUuid() {
    // UUID.fromString accepts the short and the padded forms; a URL must not.
    for (String bad :
        new String[] {
          null,
          "",
          "not-a-uuid",
          "1-2-3-4-5",
          "3f1c9c1e-6f1b-4c55-9e38-3c5b7a0c2b1",
          "03f1c9c1e-6f1b-4c55-9e38-3c5b7a0c2b10",
          " 3f1c9c1e-6f1b-4c55-9e38-3c5b7a0c2b10",
          "123"
        }) {
      assertInvalid(() -> Params.uuid("analysisId", bad), "analysisId", "must be a UUID");
    }
  }

  @Test
  void aLimitDefaultsWhenAbsentAndIsAWholeNumberInRange() {
    assertThat(Params.limit("limit", null, 50, 200)).isEqualTo(50);
    assertThat(Params.limit("limit", "1", 50, 200)).isEqualTo(1);
    assertThat(Params.limit("limit", " 200 ", 50, 200)).isEqualTo(200);

    assertInvalid(() -> Params.limit("limit", "many", 50, 200), "limit", "must be a whole number");
    assertInvalid(() -> Params.limit("limit", "", 50, 200), "limit", "must be a whole number");
    assertInvalid(
        () -> Params.limit("limit", "99999999999", 50, 200), "limit", "must be a whole number");
    assertInvalid(() -> Params.limit("limit", "0", 50, 200), "limit", "must be between 1 and 200");
    assertInvalid(
        () -> Params.limit("limit", "201", 50, 200), "limit", "must be between 1 and 200");
  }

  @Property(tries = 300, seed = "20260304")
  void aLimitIsAcceptedExactlyWhenItIsFromOneToTheMaximum(
      @ForAll @IntRange(min = -1_000, max = 1_000) int limit,
      @ForAll @IntRange(min = 1, max = 500) int max) {
    String value = Integer.toString(limit);
    if (limit >= 1 && limit <= max) {
      assertThat(Params.limit("limit", value, 1, max)).isEqualTo(limit);
    } else {
      assertInvalid(
          () -> Params.limit("limit", value, 1, max), "limit", "must be between 1 and " + max);
    }
  }

  @Test
  void aVersionIsAWholeNumberFromZero() {
    assertThat(Params.version("since", null)).isNull();
    assertThat(Params.version("since", "0")).isZero();
    assertThat(Params.version("Last-Event-ID", " 42")).isEqualTo(42L);

    assertInvalid(() -> Params.version("minVersion", "-1"), "minVersion", "must not be negative");
    assertInvalid(() -> Params.version("since", "x"), "since", "must be a version (whole number)");
  }

  @Test
  void anInstantIsRfc3339WithAnOffset() {
    assertThat(Params.instant("asOf", null)).isNull();
    assertThat(Params.instant("asOf", "2024-05-01T14:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));

    for (String bad : new String[] {"yesterday", "2024-05-01", "2024-05-01T12:00:00"}) {
      assertInvalid(
          () -> Params.instant("asOf", bad),
          "asOf",
          "must be an RFC 3339 date-time with offset, e.g. 2024-05-01T12:00:00Z");
    }
  }

  private static void assertInvalid(ThrowingCallable parse, String parameter, String message) {
    assertThatThrownBy(parse)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              Problem problem = e.toProblem("/anywhere");
              assertThat(problem.status()).isEqualTo(400);
              assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "invalid-parameter");
              assertThat(problem.errors()).containsExactly(new FieldError(parameter, message));
            });
  }
}
