package news.ticker.devstack.testing;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an embedded server of a test JVM, and once more if the first start fails. The ports of an
 * embedded server are picked free before its process binds them, and on a busy build machine
 * another process can take one in between; a second start picks new ports. The first failure is
 * logged with its cause, so a server that never starts still fails loudly with both reasons.
 */
final class StartAttempts {

  private static final Logger LOG = LoggerFactory.getLogger(StartAttempts.class);

  private StartAttempts() {}

  static <T> T twice(String what, Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException first) {
      LOG.warn("Starting {} failed, trying once more with new ports", what, first);
      try {
        return start.get();
      } catch (RuntimeException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }
}
