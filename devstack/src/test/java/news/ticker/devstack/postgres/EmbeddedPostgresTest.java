package news.ticker.devstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import news.ticker.devstack.Ports;
import news.ticker.devstack.process.ProcessControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server life: durable settings, restart, crash, stale postmaster.pid, passwords. */
class EmbeddedPostgresTest {

  @TempDir Path directory;

  @Test
  void durableServerKeepsDataAcrossRestartAndCrash() throws Exception {
    Path data = directory.resolve("data");
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().dataDir(data).databases("extra").build().start();
    try {
      int port = postgres.port();
      assertThat(setting(postgres, "fsync")).isEqualTo("on");
      assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(postgres, "full_page_writes")).isEqualTo("on");
      assertThat(setting(postgres, "max_connections")).isEqualTo("200");
      assertThat(databases(postgres)).contains("ingest", "timeline", "analysis", "extra");
      execute(postgres, "CREATE TABLE story (id int PRIMARY KEY, title text)");
      execute(postgres, "INSERT INTO story VALUES (1, 'written before a clean stop')");

      postgres.stop();
      assertThat(Ports.isFree(port)).isTrue();
      postgres.start();
      assertThat(postgres.port()).isEqualTo(port);
      execute(postgres, "INSERT INTO story VALUES (2, 'committed before a crash')");

      long pid = postgres.pid();
      postgres.kill(); // SIGKILL: postmaster.pid stays behind, naming a dead process
      assertThat(ProcessControl.isAlive(pid)).isFalse();
      assertThat(data.resolve("postmaster.pid")).exists();

      postgres.start(); // removes the stale pid file, then crash recovery replays the WAL
      assertThat(titles(postgres))
          .containsExactly("written before a clean stop", "committed before a crash");
    } finally {
      postgres.close();
    }
    assertThat(data.resolve("PG_VERSION")).exists(); // a given data directory is never deleted
  }

  @Test
  void passwordAuthenticationChecksThePassword() throws Exception {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .password("s3cret'quote")
            .authentication(EmbeddedPostgres.Authentication.PASSWORD)
            .start();
    try {
      try (Connection connection = postgres.connect("ingest")) {
        assertThat(connection.isValid(2)).isTrue();
      }
      assertThatThrownBy(
              () ->
                  PostgresDatabases.connect(postgres.jdbcUrl("ingest"), "ticker", "wrong").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      assertThat(postgres.reactiveUrl("ingest"))
          .isEqualTo("postgresql://localhost:" + postgres.port() + "/ingest");
      assertThat(postgres.jdbcUrl("ingest"))
          .isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/ingest");
    } finally {
      postgres.close();
    }
    assertThat(Files.exists(postgres.dataDir())).isFalse(); // a temporary one is deleted
  }

  @Test
  void refusesAPortInUse() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder().port(taken.getLocalPort()).dataDir(directory).build();

      assertThatThrownBy(postgres::start)
          .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void namesAreCheckedBeforeTheyReachSql() {
    assertThat(PostgresDatabases.identifier("ingest_2")).isEqualTo("\"ingest_2\"");
    assertThat(PostgresDatabases.literal("it's")).isEqualTo("'it''s'");
    assertThatThrownBy(() -> PostgresDatabases.identifier("x\"; DROP DATABASE ingest; --"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmbeddedPostgres.builder().databases("Ingest"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String setting(EmbeddedPostgres postgres, String name) throws SQLException {
    try (Connection connection = postgres.connect("ingest");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static java.util.List<String> databases(EmbeddedPostgres postgres) throws SQLException {
    return query(postgres, "SELECT datname FROM pg_database ORDER BY datname");
  }

  private static java.util.List<String> titles(EmbeddedPostgres postgres) throws SQLException {
    return query(postgres, "SELECT title FROM story ORDER BY id");
  }

  private static java.util.List<String> query(EmbeddedPostgres postgres, String sql)
      throws SQLException {
    try (Connection connection = postgres.connect("ingest");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      java.util.List<String> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
    try (Connection connection = postgres.connect("ingest");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
