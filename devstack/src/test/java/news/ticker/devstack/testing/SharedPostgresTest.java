package news.ticker.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedPostgresTest {

  @Test
  void externalBaseUrlGetsTheDatabaseAppended() {
    SharedPostgres.Server server =
        SharedPostgres.external(
            Map.of(
                "TICKER_TEST_PG_URL", "jdbc:postgresql://db.local:6543",
                "TICKER_TEST_PG_USER", "ci",
                "TICKER_TEST_PG_PASSWORD", "secret"));

    assertThat(server.jdbcUrl("ingest")).isEqualTo("jdbc:postgresql://db.local:6543/ingest");
    assertThat(server.reactiveUrl("ingest")).isEqualTo("postgresql://db.local:6543/ingest");
    assertThat(server.appUser()).isEqualTo("ci");
    assertThat(server.appPassword()).isEqualTo("secret");
    assertThat(server.adminUser()).isEqualTo("ci");
  }

  @Test
  void queryParametersStayAfterTheDatabase() {
    SharedPostgres.Server server =
        SharedPostgres.external(
            Map.of("TICKER_TEST_PG_URL", "jdbc:postgresql://db:5432/?sslmode=require"));

    assertThat(server.jdbcUrl("timeline"))
        .isEqualTo("jdbc:postgresql://db:5432/timeline?sslmode=require");
    assertThat(server.reactiveUrl("timeline"))
        .isEqualTo("postgresql://db:5432/timeline?sslmode=require");
    assertThat(server.appUser()).isEqualTo("ticker");
  }

  @Test
  void rejectsAnythingButAPostgresJdbcUrl() {
    assertThatThrownBy(
            () -> SharedPostgres.external(Map.of("TICKER_TEST_PG_URL", "postgresql://db:5432/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TICKER_TEST_PG_URL");
  }
}
