package news.ticker.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import news.ticker.events.EventDecodingException;
import news.ticker.platform.problem.ProblemException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * The one test of "may this pass by itself" that every service's retries share: what a database
 * outage, a deadlock, a dropped connection or a moving Kafka leader looks like, against what a
 * broken record, broken SQL or a refused request looks like.
 */
class TransientFailuresTest {

  @Test
  void lostConnectionsDeadlocksAndShutdownsAreRetried() {
    assertThat(TransientFailures.isTransient(pg("08006"))).isTrue();
    assertThat(TransientFailures.isTransient(pg("40P01"))).isTrue();
    assertThat(TransientFailures.isTransient(pg("40001"))).isTrue();
    assertThat(TransientFailures.isTransient(pg("57P01"))).isTrue();
    assertThat(TransientFailures.isTransient(pg("53300"))).isTrue(); // too many connections
    assertThat(TransientFailures.isTransient(pg("55P03"))).isTrue(); // lock not available
    assertThat(
            TransientFailures.isTransient(
                new RuntimeException(new SQLException("terminating connection", "57P01"))))
        .isTrue();
  }

  @Test
  void networkFailuresAndTimeoutsAreRetried() {
    assertThat(TransientFailures.isTransient(new RuntimeException(new ConnectException("refused"))))
        .isTrue();
    assertThat(
            TransientFailures.isTransient(
                new CompletionException(new SocketException("Connection reset"))))
        .isTrue();
    assertThat(TransientFailures.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(TransientFailures.isTransient(new TimeoutException("pool"))).isTrue();
    assertThat(TransientFailures.isTransient(new io.smallrye.mutiny.TimeoutException())).isTrue();
    assertThat(TransientFailures.isTransient(new SSLHandshakeException("peer went away"))).isTrue();
    // Thrown by a driver while its connection closes: not the record's fault.
    assertThat(
            TransientFailures.isTransient(
                new VertxException("connection closed", new NullPointerException("connection"))))
        .isTrue();
  }

  @Test
  void kafkaSaysWhatIsRetriable() {
    assertThat(TransientFailures.isTransient(new NotLeaderOrFollowerException("moved"))).isTrue();
    assertThat(
            TransientFailures.isTransient(
                new CompletionException(
                    new org.apache.kafka.common.errors.TimeoutException("no answer"))))
        .isTrue();
    assertThat(TransientFailures.isTransient(new RecordTooLargeException("2 MB"))).isFalse();
    assertThat(TransientFailures.isTransient(new TopicAuthorizationException("no ACL"))).isFalse();
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
    assertThat(TransientFailures.isTransient(ProblemException.notFound("story", "x"))).isFalse();
    assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
  }

  @Test
  void theDatabasesAnswerDecidesWhateverWrapsIt() {
    // A PgException is a VertxException; a constraint stays a constraint.
    assertThat(TransientFailures.isTransient(new VertxException("failed", pg("23505")))).isFalse();
    assertThat(
            TransientFailures.isTransient(
                new CompletionException(new IllegalStateException("wrapped", pg("08003")))))
        .isTrue();
  }

  @Test
  void aTransientFailureAmongSeveralCounts() {
    CompositeException both =
        new CompositeException(new IllegalStateException("recovery failed too"), connectRefused());
    assertThat(TransientFailures.isTransient(both)).isTrue();
  }

  private static ConnectException connectRefused() {
    return new ConnectException("Connection refused");
  }

  private static PgException pg(String sqlState) {
    return new PgException("failure " + sqlState, "ERROR", sqlState, null);
  }
}
