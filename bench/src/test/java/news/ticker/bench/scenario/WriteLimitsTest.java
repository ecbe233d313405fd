package news.ticker.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import news.ticker.bench.pg.PostgresLimit;
import org.junit.jupiter.api.Test;

class WriteLimitsTest {

  @Test
  void theFourPostgresLimitsRunInOrderWithTheStatedBatches() {
    List<WriteLimits.Limit> limits = WriteLimits.postgresLimits(16);
    assertThat(limits)
        .extracting(l -> l.plan().kind())
        .containsExactly(
            PostgresLimit.Kind.SINGLE_ROW,
            PostgresLimit.Kind.GROUP_COMMIT,
            PostgresLimit.Kind.WRITE_ROWS,
            PostgresLimit.Kind.WRITE_ROWS_BATCHED);
    assertThat(limits).allSatisfy(l -> assertThat(l.plan().connections()).isEqualTo(16));
    assertThat(limits.get(1).plan().batch()).isEqualTo(64);
    assertThat(limits.get(3).plan().batch()).isEqualTo(64);
    assertThat(limits).extracting(WriteLimits.Limit::key).doesNotHaveDuplicates();
  }

  @Test
  void figureKeysAreStable() {
    assertThat(WriteLimits.key(WriteLimits.GROUP_COMMIT, "rowsPerSecond"))
        .isEqualTo("limit.pg.groupCommit.rowsPerSecond");
  }

  @Test
  void samplesAreTakenRoundRobin() {
    Supplier<String> next = WriteLimits.cycle(List.of("a", "b", "c"));
    assertThat(List.of(next.get(), next.get(), next.get(), next.get()))
        .containsExactly("a", "b", "c", "a");
  }
}
