package news.ticker.platform.outbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Coalesces wake-up requests: at most one send is in flight, and requests that arrive while it is
 * become exactly one more send after it. Every request is followed by a send that started after it,
 * so no commit is left unannounced; a burst of a thousand commits costs a handful of sends.
 */
final class WakeUps {

  private static final int IDLE = 0;
  private static final int SENDING = 1;
  private static final int SENDING_AND_REQUESTED = 2;

  private final AtomicInteger state = new AtomicInteger(IDLE);
  private final Consumer<Runnable> send;

  /**
   * @param send starts a send and calls the given callback when it finished, successfully or not
   */
  WakeUps(Consumer<Runnable> send) {
    this.send = send;
  }

  void request() {
    if (state.getAndUpdate(s -> s == IDLE ? SENDING : SENDING_AND_REQUESTED) == IDLE) {
      send.accept(this::sent);
    }
  }

  private void sent() {
    if (state.getAndUpdate(s -> s == SENDING_AND_REQUESTED ? SENDING : IDLE)
        == SENDING_AND_REQUESTED) {
      send.accept(this::sent);
    }
  }
}
