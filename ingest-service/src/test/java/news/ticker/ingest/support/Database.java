package news.ticker.ingest.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.ticker.ingest.eventstore.StreamType;

/** Reads ingest's tables directly, to check what a request did or did not change. */
public final class Database {

  private Database() {}

  /** A row of the event store. */
  public record StoredEvent(long version, String type, String data, String actor) {}

  /** The stream's version: the number of its events. */
  public static long version(UUID streamId) {
    return events(streamId).size();
  }

  /** The stream's events in version order. */
  public static List<StoredEvent> events(UUID streamId) {
    try (Connection conn = dataSource().getConnection();
        PreparedStatement select =
            conn.prepareStatement(
                "select version, event_type, data, actor from event_store"
                    + " where stream_id = ? order by version")) {
      select.setObject(1, streamId);
      List<StoredEvent> events = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.add(
              new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The content key of an update, or null. */
  public static byte[] contentKey(UUID updateId) {
    try (Connection conn = dataSource().getConnection();
        PreparedStatement select =
            conn.prepareStatement("select key_bytes from content_keys where key_id = ?")) {
      select.setObject(1, updateId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many rows of the table match the condition (a trusted test literal). */
  public static long count(String table, String condition, Object... parameters) {
    try (Connection conn = dataSource().getConnection();
        PreparedStatement select =
            conn.prepareStatement("select count(*) from " + table + " where " + condition)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs statements (trusted test literals) in one autocommitted session. */
  public static void execute(String... statements) {
    try (Connection conn = dataSource().getConnection();
        java.sql.Statement statement = conn.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AgroalDataSource dataSource() {
    return Arc.container().instance(AgroalDataSource.class).get();
  }

  /**
   * Runs the action while another transaction holds the stream's write lock, as a long command on
   * another replica would.
   */
  public static void whileStreamLocked(StreamType type, UUID streamId, Runnable action) {
    try (Connection conn = dataSource().getConnection()) {
      conn.setAutoCommit(false);
      try (PreparedStatement lock = conn.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, type.lockSpace());
        lock.setInt(2, streamId.hashCode());
        lock.execute();
      }
      try {
        action.run();
      } finally {
        conn.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
