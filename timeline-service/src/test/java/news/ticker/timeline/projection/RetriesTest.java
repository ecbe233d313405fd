package news.ticker.timeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.VertxException;
import java.time.DateTimeException;
import java.util.concurrent.CompletionException;
import news.ticker.events.EventDecodingException;
import org.junit.jupiter.api.Test;

/**
 * Which failures are a poison record and which are retried. A database outage can surface as any
 * exception type, so only what a step on the record's own data throws counts as poison.
 */
class RetriesTest {

  @Test
  void aNullPointerExceptionFromTheDriverDuringAnOutageIsRetriedNotDeadLettered() {
    Throwable closing =
        new CompletionException(
            new VertxException("connection closed", new NullPointerException("connection")));

    assertThat(Retries.poison(closing)).isNull();
    assertThat(Retries.transientFailure(closing)).isTrue();
    assertThat(Retries.transientFailure(new IllegalArgumentException("pool closed"))).isTrue();
  }

  @Test
  void aRecordThatDoesNotDecodeIsPoisonWhereverItSitsInTheCauses() {
    EventDecodingException decoding =
        new EventDecodingException(EventDecodingException.Reason.UNKNOWN_TYPE, "ticker.teleported");

    PoisonRecordException poison = Retries.poison(new CompletionException(decoding));

    assertThat(poison).isNotNull();
    assertThat(poison.reason()).isEqualTo("UNKNOWN_TYPE");
    assertThat(Retries.transientFailure(new CompletionException(decoding))).isFalse();
  }

  @Test
  void whatAStepOnTheRecordsDataThrowsBecomesAPoisonNamingTheFault() {
    assertThatThrownBy(
            () ->
                PoisonRecordException.fromRecordData(
                    () -> {
                      throw new DateTimeException("year 99999 is out of range");
                    }))
        .isInstanceOfSatisfying(
            PoisonRecordException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("MALFORMED_DATA");
              assertThat(e.getMessage()).contains("year 99999");
              assertThat(Retries.poison(new CompletionException(e))).isSameAs(e);
            });
    assertThat(PoisonRecordException.fromRecordData(() -> "rendered")).isEqualTo("rendered");
  }

  @Test
  void aFailureOfAnotherKindInADataStepIsPassedOnAsItIs() {
    IllegalStateException other = new IllegalStateException("not a data fault");

    assertThatThrownBy(
            () ->
                PoisonRecordException.fromRecordData(
                    () -> {
                      throw other;
                    }))
        .isSameAs(other);
    assertThat(Retries.transientFailure(other)).isTrue();
  }
}
