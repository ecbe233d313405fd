package news.ticker.analysis.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import news.ticker.events.EventDecodingException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

  @Test
  void lostConnectionsDeadlocksAndShutdownsAreRetried() {
    assertThat(TransientFailures.isTransient(pg("08006"))).isTrue();
    assertThat(TransientFailures.isTransient(pg("40P01"))).isTrue();
    assertThat(TransientFailures.isTransient(pg("57P01"))).isTrue();
    assertThat(TransientFailures.isTransient(new RuntimeException(new ConnectException("refused"))))
        .isTrue();
  }

  @Test
  void brokenRecordsAndBrokenSqlAreNot() {
    assertThat(TransientFailures.isTransient(pg("23505"))).isFalse();
    assertThat(TransientFailures.isTransient(pg("42P01"))).isFalse();
    assertThat(
            TransientFailures.isTransient(
                new EventDecodingException(EventDecodingException.Reason.MALFORMED_DATA, "bad")))
        .isFalse();
    assertThat(TransientFailures.isTransient(new IllegalArgumentException("not a story event")))
        .isFalse();
  }

  private static PgException pg(String sqlState) {
    return new PgException("failure " + sqlState, "ERROR", sqlState, null);
  }
}
