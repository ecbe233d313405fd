package news.ticker.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The PostgreSQL database for a service under test: one server per test JVM, the database named by
 * the init argument {@code database} created if missing.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = PostgresResource.class,
 *     initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "ingest"))
 * }</pre>
 *
 * Where the server comes from: {@code TICKER_TEST_PG_URL} (a {@code jdbc:postgresql://host:port/}
 * base, with {@code TICKER_TEST_PG_USER} and {@code TICKER_TEST_PG_PASSWORD}) if set, else a
 * Testcontainers server if a Docker engine answers, else an embedded one on an ephemeral port.
 *
 * <p>Returns {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.jdbc.url}, {@code
 * quarkus.datasource.username} and {@code quarkus.datasource.password}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  /** Name of the init argument that names the database. */
  public static final String DATABASE = "database";

  private String database;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get(DATABASE);
  }

  @Override
  public Map<String, String> start() {
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException(
          "PostgresResource needs the init argument '" + DATABASE + "', e.g. ingest");
    }
    SharedPostgres.Server server = SharedPostgres.server();
    SharedPostgres.ensureDatabase(server, database);
    return Map.of(
        "quarkus.datasource.reactive.url", server.reactiveUrl(database),
        "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
        "quarkus.datasource.username", server.appUser(),
        "quarkus.datasource.password", server.appPassword());
  }

  @Override
  public void stop() {
    // One server per JVM, shared by all test classes; a shutdown hook stops it.
  }
}
