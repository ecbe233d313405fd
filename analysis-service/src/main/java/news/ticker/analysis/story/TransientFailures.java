package news.ticker.analysis.story;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that go away by themselves (the database restarting, a dropped connection, a
 * deadlock) from failures of the record itself, which retrying cannot fix.
 */
final class TransientFailures {

  /**
   * SQLSTATE classes and codes worth retrying: connection exceptions (08), insufficient resources
   * (53), operator intervention such as a shutdown (57P), serialization failure and deadlock.
   */
  private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01");

  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");

  private TransientFailures() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String state = pg.getSqlState();
        return state != null
            && (TRANSIENT_STATES.contains(state)
                || TRANSIENT_CLASSES.contains(state.substring(0, Math.min(2, state.length()))));
      }
      if (t instanceof IOException
          || t instanceof TimeoutException
          || t instanceof io.vertx.core.VertxException
          || t instanceof io.netty.channel.ChannelException) {
        return true;
      }
    }
    return false;
  }
}
