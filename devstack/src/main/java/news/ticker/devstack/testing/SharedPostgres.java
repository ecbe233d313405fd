package news.ticker.devstack.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.devstack.postgres.EmbeddedPostgres;
import news.ticker.devstack.postgres.PostgresDatabases;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one PostgreSQL server of a test JVM, chosen by {@link BackendChoice}, and the databases on
 * it. Stopped by a JVM shutdown hook, never by a test class.
 */
final class SharedPostgres {

  static final String URL_VARIABLE = "TICKER_TEST_PG_URL";
  static final String USER_VARIABLE = "TICKER_TEST_PG_USER";
  static final String PASSWORD_VARIABLE = "TICKER_TEST_PG_PASSWORD";
  static final String IMAGE_VARIABLE = "TICKER_TEST_PG_IMAGE";

  private static final String PREFIX = "ticker.devstack.test.pg.";

  private SharedPostgres() {}

  /**
   * A server: {@code jdbcBase} is {@code jdbc:postgresql://host:port/} (optionally with a query
   * string after the slash); the admin account creates databases, the app account is what the
   * services get.
   */
  record Server(
      String jdbcBase, String adminUser, String adminPassword, String appUser, String appPassword) {

    String jdbcUrl(String database) {
      int query = jdbcBase.indexOf('?');
      return query < 0
          ? jdbcBase + database
          : jdbcBase.substring(0, query) + database + jdbcBase.substring(query);
    }

    /** The Vert.x reactive client takes the same URL without the {@code jdbc:} prefix. */
    String reactiveUrl(String database) {
      return jdbcUrl(database).substring("jdbc:".length());
    }
  }

  static Server server() {
    synchronized (JvmWide.POSTGRES) {
      String base = System.getProperty(PREFIX + "jdbc-base");
      if (base != null) {
        return new Server(
            base,
            System.getProperty(PREFIX + "admin-user"),
            System.getProperty(PREFIX + "admin-password"),
            System.getProperty(PREFIX + "user"),
            System.getProperty(PREFIX + "password"));
      }
      OwnedTempDirs.sweepOrphans(); // servers of earlier test JVMs that were SIGKILLed
      Map<String, String> env = System.getenv();
      Backend backend = BackendChoice.choose(env, URL_VARIABLE, DockerProbe::isDockerAvailable);
      Server server;
      switch (backend) {
        case EXTERNAL:
          server = external(env);
          break;
        case TESTCONTAINERS:
          server = startContainer(env);
          break;
        default:
          server = startEmbedded();
      }
      System.setProperty(PREFIX + "jdbc-base", server.jdbcBase());
      System.setProperty(PREFIX + "admin-user", server.adminUser());
      System.setProperty(PREFIX + "admin-password", server.adminPassword());
      System.setProperty(PREFIX + "user", server.appUser());
      System.setProperty(PREFIX + "password", server.appPassword());
      return server;
    }
  }

  /** Creates {@code database} if missing; idempotent, also across JVMs. */
  static void ensureDatabase(Server server, String database) {
    try (Connection admin =
        PostgresDatabases.connect(
            server.jdbcUrl("postgres"), server.adminUser(), server.adminPassword())) {
      String owner = server.adminUser().equals(server.appUser()) ? null : server.appUser();
      PostgresDatabases.ensureDatabase(admin, database, owner);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database " + database + " on " + server.jdbcBase() + ": " + e.getMessage(),
          e);
    }
  }

  static Server external(Map<String, String> env) {
    String base = env.get(URL_VARIABLE).trim();
    if (!base.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          URL_VARIABLE + " must look like jdbc:postgresql://host:port/, not " + base);
    }
    int query = base.indexOf('?');
    String path = query < 0 ? base : base.substring(0, query);
    if (!path.endsWith("/")) {
      base = path + "/" + (query < 0 ? "" : base.substring(query));
    }
    String user = env.getOrDefault(USER_VARIABLE, EmbeddedPostgres.DEFAULT_USER);
    String password = env.getOrDefault(PASSWORD_VARIABLE, EmbeddedPostgres.DEFAULT_PASSWORD);
    return new Server(base, user, password, user, password);
  }

  private static Server startEmbedded() {
    EmbeddedPostgres postgres =
        StartAttempts.twice(
            "embedded PostgreSQL",
            () -> {
              EmbeddedPostgres server = EmbeddedPostgres.builder().name("test-postgres").build();
              try {
                server.start();
              } catch (RuntimeException e) {
                server.close();
                throw e;
              }
              return server;
            });
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "close-test-postgres"));
    return new Server(
        "jdbc:postgresql://localhost:" + postgres.port() + "/",
        EmbeddedPostgres.SUPERUSER,
        postgres.password(), // the superuser's password defaults to the services' one
        postgres.username(),
        postgres.password());
  }

  /** Compiled, but not exercised on our machines (no Docker engine there). */
  private static Server startContainer(Map<String, String> env) {
    String image = env.getOrDefault(IMAGE_VARIABLE, "postgres:17");
    PostgreSQLContainer container =
        new PostgreSQLContainer(DockerImageName.parse(image))
            .withUsername(EmbeddedPostgres.DEFAULT_USER)
            .withPassword(EmbeddedPostgres.DEFAULT_PASSWORD)
            .withDatabaseName("postgres");
    // The container's default command turns fsync off; our rule is durable everywhere.
    container.setCommand(
        "postgres",
        "-c",
        "fsync=on",
        "-c",
        "synchronous_commit=on",
        "-c",
        "full_page_writes=on",
        "-c",
        "max_connections=200");
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-postgres"));
    String base =
        "jdbc:postgresql://"
            + container.getHost()
            + ":"
            + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
            + "/";
    // POSTGRES_USER is the container's superuser: it is both admin and app account.
    return new Server(
        base,
        container.getUsername(),
        container.getPassword(),
        container.getUsername(),
        container.getPassword());
  }
}
