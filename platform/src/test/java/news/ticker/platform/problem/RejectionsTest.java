package news.ticker.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import org.junit.jupiter.api.Test;

/** Each rejection answers exactly what the matching problem factory answers. */
class RejectionsTest {

  private static final UUID ID = UUID.fromString("0195b2a0-0000-7000-8000-000000000001");

  private static void assertSameAnswer(ProblemException actual, ProblemException expected) {
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.toProblem("/x")).isEqualTo(expected.toProblem("/x"));
    assertThat(actual.headers()).isEqualTo(expected.headers());
  }

  @Test
  void notFoundIs404NamingWhatAndItsId() {
    ProblemException problem = Rejections.problem(new Rejection.NotFound("story", ID));
    assertSameAnswer(problem, ProblemException.notFound("story", ID));
    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.getMessage()).isEqualTo("story " + ID + " does not exist");
  }

  @Test
  void conflictIs409WithItsDetail() {
    ProblemException problem = Rejections.problem(new Rejection.Conflict("story is closed"));
    assertSameAnswer(problem, ProblemException.conflict("story is closed"));
    assertThat(problem.status()).isEqualTo(409);
  }

  @Test
  void preconditionFailedIs412WithTheCurrentETag() {
    ProblemException problem = Rejections.problem(new Rejection.PreconditionFailed(7));
    assertSameAnswer(problem, ProblemException.preconditionFailed(7));
    assertThat(problem.status()).isEqualTo(412);
    assertThat(problem.headers()).containsEntry("ETag", "\"7\"");
  }

  @Test
  void invalidIs422NamingTheField() {
    ProblemException problem =
        Rejections.problem(new Rejection.Invalid("coverageEndTime", "is before the start"));
    assertSameAnswer(
        problem, ProblemException.unprocessable("coverageEndTime", "is before the start"));
    assertThat(problem.toProblem("/x").errors())
        .containsExactly(new FieldError("coverageEndTime", "is before the start"));
  }

  @Test
  void theDetailOfARejectionIsTheDetailOfItsAnswer() {
    for (Rejection rejection :
        List.of(
            new Rejection.NotFound("update", ID),
            new Rejection.Conflict("no"),
            new Rejection.PreconditionFailed(3),
            new Rejection.Invalid("f", "bad"))) {
      assertThat(Rejections.problem(rejection).getMessage()).isEqualTo(rejection.detail());
    }
  }

  @Test
  void throwIfAnyThrowsOnlyForARejection() {
    assertThatCode(() -> Rejections.throwIfAny(Optional.empty())).doesNotThrowAnyException();
    assertThatThrownBy(() -> Rejections.throwIfAny(Optional.of(new Rejection.Conflict("no"))))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void anAcceptedDecisionGivesItsEventsAndARejectedOneItsAnswer() {
    assertThat(Decision.accept("a", "b").eventsOrThrow(Rejections::problem))
        .containsExactly("a", "b");
    assertThat(Decision.<String>nothing().eventsOrThrow(Rejections::problem)).isEmpty();
    assertThatThrownBy(
            () ->
                Decision.<String>reject(new Rejection.NotFound("article", ID))
                    .eventsOrThrow(Rejections::problem))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
