package news.ticker.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void findsTheNearestMatchingCause() {
    IllegalStateException inner = new IllegalStateException("inner");
    IllegalStateException outer = new IllegalStateException("outer", inner);
    RuntimeException wrapped = new RuntimeException(new CompletionException(outer));

    assertThat(Causes.first(wrapped, IllegalStateException.class::isInstance)).isSameAs(outer);
    assertThat(Causes.first(wrapped, t -> t == inner)).isSameAs(inner);
    assertThat(Causes.first(wrapped, ArithmeticException.class::isInstance)).isNull();
    assertThat(Causes.first(null, t -> true)).isNull();
  }

  @Test
  void looksIntoEveryFailureACompositeHolds() {
    ArithmeticException second = new ArithmeticException("second");
    CompositeException composite =
        new CompositeException(new IllegalStateException("first"), second);

    assertThat(Causes.first(new RuntimeException(composite), ArithmeticException.class::isInstance))
        .isSameAs(second);
  }

  @Test
  void aChainOfCausesThatLoopsIsWalkedOnce() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    int[] visits = new int[1];

    assertThat(
            Causes.first(
                a,
                t -> {
                  visits[0]++;
                  return false;
                }))
        .isNull();
    assertThat(visits[0]).isEqualTo(2);
  }
}
