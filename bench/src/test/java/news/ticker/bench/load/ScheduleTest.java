package news.ticker.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final long S = 1_000_000_000L;

  @Test
  void requestsAreDueEvenlyFromTheStart() {
    Schedule s = new Schedule(5 * S, 100, 300);
    assertThat(s.dueNanos(0)).isEqualTo(5 * S);
    assertThat(s.dueNanos(1)).isEqualTo(5 * S + 10_000_000L);
    assertThat(s.dueNanos(100)).isEqualTo(6 * S);
    assertThat(s.lastDueNanos()).isEqualTo(5 * S + 2_990_000_000L);
    assertThat(s.windowSeconds()).isEqualTo(3.0);
  }

  @Test
  void dueByCountsWhatIsDueAndNeverMoreThanTheCount() {
    Schedule s = new Schedule(0, 1000, 50);
    assertThat(s.dueBy(-1)).isZero();
    assertThat(s.dueBy(0)).isEqualTo(1);
    assertThat(s.dueBy(999_999)).isEqualTo(1);
    assertThat(s.dueBy(1_000_000)).isEqualTo(2);
    assertThat(s.dueBy(10 * S)).isEqualTo(50);
  }

  @Test
  void dueByAndDueNanosAgreeForAwkwardRates() {
    for (double rate : new double[] {3, 7.3, 99.99, 333, 1000, 2048.5}) {
      Schedule s = new Schedule(123_456_789L, rate, 500);
      for (long i = 0; i < s.count(); i++) {
        long due = s.dueNanos(i);
        assertThat(s.dueBy(due))
            .as("rate %s, request %d at its due time", rate, i)
            .isEqualTo(i + 1);
        assertThat(s.dueBy(due - 1)).as("rate %s, just before request %d", rate, i).isEqualTo(i);
      }
    }
  }

  @Test
  void aWindowHoldsRateTimesSecondsRequests() {
    assertThat(Schedule.forWindow(0, 100, 30).count()).isEqualTo(3_000);
    assertThat(Schedule.forWindow(0, 1000, 5).count()).isEqualTo(5_000);
    assertThatThrownBy(() -> new Schedule(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
