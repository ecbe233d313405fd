package news.ticker.timeline.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/** The transactions of a rebuild's bookkeeping, begun by the service and its worker alike. */
final class Transactions {

  private Transactions() {}

  /** Runs the work with the session of a new transaction. */
  static <T> Uni<T> inTransaction(Function<Mutiny.Session, Uni<T>> work) {
    return Panache.withTransaction(
        () -> Panache.getSession().chain(session -> work.apply(session)));
  }
}
