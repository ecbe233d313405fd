package news.ticker.analysis.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Looks into the service's story projection tables, for what no endpoint shows. */
public final class ProjectionProbe {

  private ProjectionProbe() {}

  /** The version of the last applied event of the story, or -1 when the story is unknown. */
  public static long storyVersion(UUID storyId) {
    return queryLong("select version from story where id = ?", storyId);
  }

  /** 1 when the update is known and retracted, 0 when known, -1 when unknown. */
  public static long updateRetracted(UUID updateId) {
    return queryLong(
        "select case when retracted then 1 else 0 end from story_update where id = ?", updateId);
  }

  public static String storyStatus(UUID storyId) {
    try (Connection conn = connect();
        PreparedStatement statement =
            conn.prepareStatement("select status from story where id = ?")) {
      statement.setObject(1, storyId);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long queryLong(String sql, UUID id) {
    try (Connection conn = connect();
        PreparedStatement statement = conn.prepareStatement(sql)) {
      statement.setObject(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }
}
