package news.ticker.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.ticker.platform.decision.Rejection.PreconditionFailed;
import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** If-Match by RFC 9110 §13.1.1: the strong comparison, 412 when it fails, 400 when malformed. */
class IfMatchTest {

  @Test
  void noHeaderIsNoPrecondition() {
    for (String absent : new String[] {null, "", "  "}) {
      IfMatch none = IfMatch.parse(absent);
      assertThat(none.isPresent()).isFalse();
      assertThat(none.header()).isNull();
      assertThat(none.matches(0)).isTrue();
      assertThat(none.matches(7)).isTrue();
    }
  }

  @Test
  void aStrongTagMatchesOnlyItsOwnVersion() {
    for (long version = 0; version <= 200; version++) {
      IfMatch ifMatch = IfMatch.parse(IfMatch.etag(version));
      assertThat(ifMatch.matches(version)).as("version %d", version).isTrue();
      assertThat(ifMatch.matches(version + 1)).isFalse();
      assertThat(ifMatch.refusal(version + 1)).contains(new PreconditionFailed(version + 1));
    }
    assertThat(IfMatch.parse("\"6\", \"7\"").matches(7)).isTrue();
    assertThat(IfMatch.parse("\"6\",\"7\"").matches(6)).isTrue();
    assertThat(IfMatch.parse("\"07\"").matches(7)).as("octets, not numbers").isFalse();
  }

  @Test
  void aWeakTagNeverMatches() {
    for (long version = 0; version <= 200; version++) {
      IfMatch weak = IfMatch.parse("W/" + IfMatch.etag(version));
      assertThat(weak.isPresent()).isTrue();
      assertThat(weak.matches(version)).as("W/\"%d\"", version).isFalse();
      assertThat(weak.refusal(version)).contains(new PreconditionFailed(version));
    }
    assertThat(IfMatch.parse("W/\"7\", \"7\"").matches(7)).isTrue();
    assertThat(IfMatch.parse("W/\"7\", \"6\"").matches(7)).isFalse();
  }

  @Test
  void aFailedPreconditionIs412WithTheCurrentETag() {
    for (String header : new String[] {"\"6\"", "W/\"7\"", "\"not-a-version\""}) {
      assertThatThrownBy(() -> IfMatch.parse(header).check(7))
          .as(header)
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(412);
                assertThat(e.headers()).containsEntry("ETag", "\"7\"");
                assertThat(e.toProblem("/x").errors())
                    .extracting("field")
                    .containsExactly("If-Match");
              });
    }
    assertThatCode(() -> IfMatch.parse("\"7\"").check(7)).doesNotThrowAnyException();
  }

  @Test
  void starMatchesAnyExistingVersion() {
    IfMatch star = IfMatch.parse(" * ");
    assertThat(star.isPresent()).isTrue();
    assertThat(star.matches(1)).isTrue();
    assertThat(star.matches(3)).isTrue();
    assertThat(star.matches(0)).isFalse();
  }

  @Test
  void emptyListElementsAreIgnoredAndOpaqueTagsMayHoldCommas() {
    assertThat(IfMatch.parse("\"7\",,").matches(7)).isTrue();
    assertThat(IfMatch.parse(", \"6\" ,\t\"7\"").matches(7)).isTrue();
    assertThat(IfMatch.parse("\"a,b\"").matches(7)).isFalse();
  }

  @Test
  void malformedValuesAre400NamingTheHeader() {
    for (String bad :
        new String[] {
          "7",
          "w/\"7\"",
          "\"7",
          "*, \"7\"",
          "\"7\" \"8\"",
          ",",
          " , ,",
          "\"7\"x",
          "\"a\"b\"",
          "W/7",
          "\"\u0001\""
        }) {
      assertThatThrownBy(() -> IfMatch.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.toProblem("/x").errors())
                    .extracting("field")
                    .containsExactly("If-Match");
              });
    }
  }

  @Test
  void theHeaderAsSentIsKeptForTheIdempotencyFingerprint() {
    assertThat(IfMatch.parse("  \"3\" ").header()).isEqualTo("\"3\"");
    assertThat(IfMatch.parse("W/\"3\"").header()).isEqualTo("W/\"3\"");
    assertThat(IfMatch.etag(12)).isEqualTo("\"12\"");
  }
}
