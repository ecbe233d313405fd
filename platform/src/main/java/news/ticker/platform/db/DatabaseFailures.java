package news.ticker.platform.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Set;
import news.ticker.platform.failure.Causes;

/** What a failure says about the service's PostgreSQL. */
public final class DatabaseFailures {

  /**
   * SQLSTATEs that pass by themselves: the transaction lost to another (serialization failure,
   * deadlock) or did not get its lock in time. Whole classes are in {@link #passingState}.
   */
  private static final Set<String> PASSING_STATES = Set.of("40001", "40P01", "55P03");

  private DatabaseFailures() {}

  /**
   * The failure in {@code e}'s causes that means the database is unreachable (refused, reset,
   * shutting down, starting up, connection lost), or null. It passes when the database is back, so
   * the work is worth trying again, as often as it takes. PostgreSQL SQLSTATE classes 08
   * (connection exception) and 57P (operator intervention: admin or crash shutdown, cannot connect
   * now).
   */
  public static Throwable unreachable(Throwable e) {
    return Causes.first(
        e,
        t ->
            t instanceof SocketException // refused, reset
                || t instanceof ClosedChannelException
                || t instanceof ClosedConnectionException
                || unreachableState(sqlStateOf(t)));
  }

  /**
   * The SQLSTATE nearest to {@code e} in its causes (a {@link PgException} of the reactive client
   * or a JDBC {@link SQLException}), or null when no cause carries one: then the failure did not
   * come from PostgreSQL's answer.
   */
  public static String sqlState(Throwable e) {
    Throwable stated = Causes.first(e, t -> sqlStateOf(t) != null);
    return stated == null ? null : sqlStateOf(stated);
  }

  /**
   * Whether PostgreSQL's error {@code sqlState} passes by itself, so the same work is worth trying
   * again: class 08 (connection exception), 53 (insufficient resources: too many connections, out
   * of memory, disk full), 57 (operator intervention: shutdown, cannot connect now, query
   * cancelled), 40001 (serialization failure), 40P01 (deadlock), 55P03 (lock not available).
   * Anything else (a constraint, a syntax error, a missing table) fails the same way every time.
   */
  public static boolean passingState(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08")
            || sqlState.startsWith("53")
            || sqlState.startsWith("57")
            || PASSING_STATES.contains(sqlState));
  }

  private static boolean unreachableState(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
  }

  private static String sqlStateOf(Throwable t) {
    if (t instanceof PgException pg) {
      return pg.getSqlState();
    }
    if (t instanceof SQLException sql) {
      return sql.getSQLState();
    }
    return null;
  }
}
