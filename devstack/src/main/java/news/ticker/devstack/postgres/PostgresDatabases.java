package news.ticker.devstack.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Idempotent creation of the role and the databases the services use, on any PostgreSQL (embedded,
 * Testcontainers or an external server). DDL cannot take bind parameters, so names are checked
 * against a strict pattern and then quoted, and passwords are written as escaped literals.
 */
public final class PostgresDatabases {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String DUPLICATE_DATABASE = "42P04";
  private static final String DUPLICATE_OBJECT = "42710";

  private PostgresDatabases() {}

  /**
   * Opens a connection without {@link java.sql.DriverManager}, which only sees drivers of the
   * caller's class loader (not a given inside Quarkus test class loaders).
   */
  public static Connection connect(String jdbcUrl, String user, String password)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "3");
    props.setProperty("loginTimeout", "5");
    Connection connection = new Driver().connect(jdbcUrl, props);
    if (connection == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return connection;
  }

  /** Creates a LOGIN role with this password, or updates the password of an existing one. */
  public static void ensureRole(Connection admin, String role, String password)
      throws SQLException {
    String name = identifier(role);
    String alter = "ALTER ROLE " + name + " WITH LOGIN PASSWORD " + literal(password);
    try (Statement statement = admin.createStatement()) {
      if (exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
        statement.execute(alter);
        return;
      }
      try {
        statement.execute("CREATE ROLE " + name + " WITH LOGIN PASSWORD " + literal(password));
      } catch (SQLException e) {
        if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
          throw e;
        }
        statement.execute(alter); // created concurrently by someone else
      }
    }
  }

  /**
   * Creates {@code database} (owned by {@code owner}, unless that is null) if it does not exist.
   * The connection must be in auto-commit mode: CREATE DATABASE cannot run in a transaction.
   */
  public static void ensureDatabase(Connection admin, String database, String owner)
      throws SQLException {
    if (exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
      return;
    }
    String sql =
        "CREATE DATABASE "
            + identifier(database)
            + (owner == null ? "" : " OWNER " + identifier(owner));
    try (Statement statement = admin.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  private static boolean exists(Connection connection, String query, String value)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, value);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** A database or role name we accept: lower-case SQL identifier, quoted. */
  static String identifier(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a plain lower-case PostgreSQL name ([a-z_][a-z0-9_]*, at most 63): " + name);
    }
    return '"' + name + '"';
  }

  /** A string literal; standard_conforming_strings (on since 9.1) makes backslashes plain. */
  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a password cannot contain NUL");
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
