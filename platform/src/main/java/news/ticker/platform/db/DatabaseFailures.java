package news.ticker.platform.db;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/** What a failure says about the service's PostgreSQL. */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  /**
   * The failure in {@code e}'s causes that means the database is unreachable (refused, reset,
   * shutting down, starting up, connection lost), or null. It passes when the database is back, so
   * the work is worth trying again, as often as it takes. PostgreSQL SQLSTATE classes 08
   * (connection exception) and 57P (operator intervention: admin or crash shutdown, cannot connect
   * now).
   */
  public static Throwable unreachable(Throwable e) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SocketException // refused, reset
          || t instanceof ClosedChannelException
          || t instanceof ClosedConnectionException
          || (t instanceof PgException pg && unreachableState(pg.getSqlState()))
          || (t instanceof SQLException sql && unreachableState(sql.getSQLState()))) {
        return t;
      }
      if (t instanceof CompositeException composite) {
        todo.addAll(composite.getCauses());
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return null;
  }

  private static boolean unreachableState(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
  }
}
