package news.ticker.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

  @Test
  void aMissingBodyIsABadRequestSayingWhatToSend() {
    assertThatThrownBy(
            () -> ProblemException.requireBody(null, "a JSON body with a title is required"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            missing -> {
              assertThat(missing.type()).isEqualTo(ProblemType.BAD_REQUEST);
              assertThat(missing.status()).isEqualTo(400);
              assertThat(missing.toProblem("/api/v1/things").detail())
                  .isEqualTo("a JSON body with a title is required");
            });
  }

  @Test
  void aBodyIsReturnedAsItCame() {
    Object body = new Object();
    assertThat(ProblemException.requireBody(body, "unused")).isSameAs(body);
  }
}
