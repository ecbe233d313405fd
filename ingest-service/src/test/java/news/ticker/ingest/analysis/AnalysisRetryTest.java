package news.ticker.ingest.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures of applying an analysis event are tried again, and how often. */
class AnalysisRetryTest {

  @Test
  void anUnreachableDatabaseIsTriedAgainHoweverLongItTakes() {
    RuntimeException refused =
        new RuntimeException(new CompletionException(new ConnectException("Connection refused")));
    RuntimeException shuttingDown =
        new RuntimeException(
            new PgException("the database system is shutting down", "FATAL", "57P03", ""));
    for (RuntimeException failure : new RuntimeException[] {refused, shuttingDown}) {
      assertThat(AnalysisAttachments.retryAgain(failure, 0, 5)).isTrue();
      assertThat(AnalysisAttachments.retryAgain(failure, 5, 5)).isTrue();
      assertThat(AnalysisAttachments.retryAgain(failure, 10_000, 5)).isTrue();
    }
  }

  @Test
  void otherFailuresGetTheConfiguredNumberOfAttempts() {
    RuntimeException bug = new IllegalStateException("unexpected");
    RuntimeException constraint =
        new RuntimeException(new PgException("duplicate key", "ERROR", "23505", ""));
    for (RuntimeException failure : new RuntimeException[] {bug, constraint}) {
      assertThat(AnalysisAttachments.retryAgain(failure, 4, 5)).isTrue();
      assertThat(AnalysisAttachments.retryAgain(failure, 5, 5)).isFalse();
    }
  }
}
