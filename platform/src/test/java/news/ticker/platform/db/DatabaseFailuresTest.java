package news.ticker.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Which PostgreSQL errors pass by themselves, and where in the causes the SQLSTATE is read. */
class DatabaseFailuresTest {

  @Test
  void theNearestSqlStateIsTheOneThatCounts() {
    PgException deadlock = pg("40P01");
    RuntimeException wrapped = new RuntimeException(new SQLException("lost", "08006", deadlock));

    assertThat(DatabaseFailures.sqlState(wrapped)).isEqualTo("08006");
    assertThat(DatabaseFailures.sqlState(new RuntimeException(deadlock))).isEqualTo("40P01");
    assertThat(DatabaseFailures.sqlState(new IllegalStateException("no database here"))).isNull();
  }

  @Test
  void lostRacesAndLocksPassButOtherStatesOfTheirClassesDoNot() {
    assertThat(DatabaseFailures.passingState("40001")).isTrue(); // serialization failure
    assertThat(DatabaseFailures.passingState("40P01")).isTrue(); // deadlock
    assertThat(DatabaseFailures.passingState("55P03")).isTrue(); // lock not available
    assertThat(DatabaseFailures.passingState("40002")).isFalse(); // integrity at commit
    assertThat(DatabaseFailures.passingState("55006")).isFalse(); // object in use
    assertThat(DatabaseFailures.passingState(null)).isFalse();
  }

  @Property(tries = 200, seed = "20260301")
  void everyStateOfAPassingClassPasses(@ForAll("passingClassStates") String state) {
    assertThat(DatabaseFailures.passingState(state)).as(state).isTrue();
  }

  @Property(tries = 200, seed = "20260301")
  void noStateOfADataOrProgramClassPasses(@ForAll("permanentClassStates") String state) {
    assertThat(DatabaseFailures.passingState(state)).as(state).isFalse();
    assertThat(DatabaseFailures.unreachable(pg(state))).isNull();
  }

  @Test
  void unreachableIsConnectionLossAndShutdownNotEveryPassingState() {
    assertThat(DatabaseFailures.unreachable(new RuntimeException(pg("57P01")))).isNotNull();
    assertThat(DatabaseFailures.unreachable(pg("08001"))).isNotNull();
    assertThat(DatabaseFailures.unreachable(pg("40P01"))).isNull();
    assertThat(DatabaseFailures.unreachable(pg("53300"))).isNull();
  }

  @Provide
  Arbitrary<String> passingClassStates() {
    return Arbitraries.of("08", "53", "57").flatMap(c -> suffixes().map(s -> c + s));
  }

  @Provide
  Arbitrary<String> permanentClassStates() {
    // data exception, integrity constraint, syntax or access rule, invalid transaction state
    return Arbitraries.of("22", "23", "42", "25").flatMap(c -> suffixes().map(s -> c + s));
  }

  private static Arbitrary<String> suffixes() {
    return Arbitraries.strings().withChars("0123456789ABCDEFP").ofLength(3);
  }

  private static PgException pg(String sqlState) {
    return new PgException("failure " + sqlState, "ERROR", sqlState, null);
  }
}
