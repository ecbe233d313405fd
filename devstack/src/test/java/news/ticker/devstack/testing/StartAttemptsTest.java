package news.ticker.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartAttemptsTest {

  @Test
  void aSecondStartFollowsAFailedFirst() {
    AtomicInteger calls = new AtomicInteger();
    String started =
        StartAttempts.twice(
            "server",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("port taken");
              }
              return "up on attempt " + calls.get();
            });
    assertThat(started).isEqualTo("up on attempt 2");
  }

  @Test
  void twoFailuresReportBothCauses() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                StartAttempts.twice(
                    "server",
                    () -> {
                      throw new IllegalStateException("failure " + calls.incrementAndGet());
                    }))
        .hasMessage("failure 2")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1))
        .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessage("failure 1"));
    assertThat(calls).hasValue(2);
  }

  @Test
  void aFirstSuccessStartsOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(StartAttempts.twice("server", calls::incrementAndGet)).isEqualTo(1);
    assertThat(calls).hasValue(1);
  }
}
