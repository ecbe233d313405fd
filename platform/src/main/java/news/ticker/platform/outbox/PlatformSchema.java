package news.ticker.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the platform's tables (outbox, idempotency keys) in the service's database at startup,
 * before the relay starts. Kept apart from each service's Flyway history so platform and service
 * migrations can never collide; every statement is idempotent, and concurrent replicas serialise on
 * a transaction-level advisory lock.
 */
@ApplicationScoped
public class PlatformSchema {

  private static final long SCHEMA_LOCK = 0x7469636b657253L; // "tickerS"

  @Inject AgroalDataSource dataSource;

  void apply(@Observes @Priority(100) StartupEvent event) throws SQLException {
    String script = read("db/platform/schema.sql");
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try (Statement statement = conn.createStatement()) {
        statement.execute("select pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        statement.execute(script);
      }
      conn.commit();
    }
  }

  private static String read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the platform jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
