package news.ticker.platform.retry;

import io.netty.channel.ChannelException;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import news.ticker.platform.db.DatabaseFailures;
import news.ticker.platform.failure.Causes;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells failures that go away by themselves (the database restarting, a dropped connection, a
 * deadlock, a Kafka leader moving) from failures of the work itself, which no retry can fix.
 */
public final class TransientFailures {

  private TransientFailures() {}

  /**
   * Whether {@code failure} may pass by itself. When PostgreSQL answered with an error, its
   * SQLSTATE decides ({@link DatabaseFailures#passingState}), wherever it sits in the causes: a
   * unique violation stays permanent even wrapped in a Vert.x exception (a {@code PgException} is
   * one). Otherwise a cause decides that is a network failure ({@link IOException}: refused, reset,
   * closed, TLS), a timeout (Java's or Mutiny's), a Vert.x or Netty failure (the connection closed,
   * the pool timed out), or an exception Kafka calls retriable (leader moved, broker unreachable,
   * request timed out).
   */
  public static boolean isTransient(Throwable failure) {
    String sqlState = DatabaseFailures.sqlState(failure);
    if (sqlState != null) {
      return DatabaseFailures.passingState(sqlState);
    }
    return Causes.first(failure, TransientFailures::transientType) != null;
  }

  private static boolean transientType(Throwable t) {
    return t instanceof IOException
        || t instanceof TimeoutException
        || t instanceof io.smallrye.mutiny.TimeoutException
        || t instanceof VertxException
        || t instanceof ChannelException
        || t instanceof RetriableException;
  }
}
