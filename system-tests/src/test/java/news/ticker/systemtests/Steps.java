package news.ticker.systemtests;

import java.time.Duration;
import java.time.Instant;

/** Prints a test's steps with the time since it began, so that a slow run shows where it waited. */
final class Steps {

  private final String test;
  private final Instant start = Instant.now();

  Steps(String test) {
    this.test = test;
  }

  void log(String format, Object... args) {
    System.out.printf(
        "[%s +%.1fs] %s%n",
        test,
        Duration.between(start, Instant.now()).toMillis() / 1000.0,
        String.format(format, args));
  }
}
