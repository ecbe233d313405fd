package news.ticker.systemtests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads and cuts the timeline's database from outside, as its superuser: the dead letters it
 * recorded, a story's projection state when a test fails (so that a failure says why a story did
 * not move), and the timeline's connections.
 */
final class TimelineDatabase {

  private final SystemStack stack;

  TimelineDatabase(SystemStack stack) {
    this.stack = stack;
  }

  long deadLetters() throws SQLException {
    return Long.parseLong(query("select count(*) from dead_letter").get(0));
  }

  /** Terminates every backend of the timeline's database; returns how many there were. */
  int cutConnections() throws SQLException {
    return Integer.parseInt(
        query(
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                    + " where datname = 'timeline' and pid <> pg_backend_pid()")
            .get(0));
  }

  /** The story's progress rows, its parked versions and the latest dead letters, one per line. */
  List<String> diagnosis(UUID story) throws SQLException {
    List<String> lines = new ArrayList<>();
    lines.addAll(
        query(
            "select 'progress: generation ' || generation || ', applied ' || applied_version"
                + " || ', held ' || coalesce(hold_reason, 'no') || ', skipped ' || skipped_versions"
                + " from story_progress where story_id = '"
                + story
                + "'"));
    lines.addAll(
        query(
            "select 'parked: generation ' || generation || ', version ' || version"
                + " from held_event where story_id = '"
                + story
                + "' order by version limit 5"));
    lines.addAll(
        query(
            "select 'dead letter: ' || topic || '-' || partition_no || '@' || record_offset"
                + " || ' key ' || coalesce(record_key, '-') || ' at ' || dead_lettered_at || ': '"
                + " || reason || ' ' || coalesce(detail, '')"
                + " from dead_letter order by id desc limit 5"));
    return lines;
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection db = stack.devstack.postgres().connectAsSuperuser("timeline");
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> result = new ArrayList<>();
      while (rows.next()) {
        result.add(rows.getString(1));
      }
      return result;
    }
  }
}
