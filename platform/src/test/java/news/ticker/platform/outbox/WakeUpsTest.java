package news.ticker.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeUpsTest {

  /** Sends that were started and have not finished yet, in order. */
  private final List<Runnable> inFlight = new ArrayList<>();

  private int started;

  private final WakeUps wakeUps =
      new WakeUps(
          done -> {
            started++;
            inFlight.add(done);
          });

  private void finishOldest() {
    inFlight.remove(0).run();
  }

  @Test
  void aRequestWhileIdleSendsAtOnce() {
    wakeUps.request();

    assertThat(started).isEqualTo(1);
    assertThat(inFlight).hasSize(1);
  }

  @Test
  void requestsDuringASendBecomeExactlyOneMoreSendAfterIt() {
    wakeUps.request();
    for (int i = 0; i < 1_000; i++) {
      wakeUps.request();
    }
    assertThat(started).as("never two sends in flight").isEqualTo(1);

    finishOldest();
    assertThat(started).as("the commits during the first send are announced").isEqualTo(2);

    finishOldest();
    assertThat(started).as("nothing new was requested").isEqualTo(2);
    assertThat(inFlight).isEmpty();
  }

  @Test
  void aRequestAfterTheLastSendFinishedSendsAgain() {
    wakeUps.request();
    finishOldest();

    wakeUps.request();

    assertThat(started).isEqualTo(2);
  }

  @Test
  void aSendThatFinishesAtOnceLeavesItIdle() {
    List<Integer> sends = new ArrayList<>();
    WakeUps immediate =
        new WakeUps(
            done -> {
              sends.add(sends.size());
              done.run();
            });

    immediate.request();
    immediate.request();

    assertThat(sends).hasSize(2);
  }
}
