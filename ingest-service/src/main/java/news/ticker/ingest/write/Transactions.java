package news.ticker.ingest.write;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.eventstore.StreamConflict;
import news.ticker.platform.outbox.Outbox;
import news.ticker.platform.retry.Backoff;
import news.ticker.platform.retry.Retry;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs the work of one command in one database transaction. When another writer took the stream
 * version first ({@link StreamConflict}), the transaction is rolled back and the work runs again
 * from scratch on the reloaded stream, after a short random pause so that writers who collided do
 * not collide again in lockstep. Once committed, the outbox relay is woken for what the work
 * appended.
 */
@ApplicationScoped
public class Transactions {

  /** From 2 ms, doubling up to 100 ms, each pause a random part of that (full jitter). */
  private static final Backoff CONFLICT_BACKOFF =
      Backoff.exponential(Duration.ofMillis(2), Duration.ofMillis(100)).withJitter(1);

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  @Inject IngestConfig config;
  @Inject Outbox outbox;

  /**
   * @throws StreamConflict (as the Uni's failure) when every retry lost its race
   */
  public <T> Uni<T> run(Function<Mutiny.Session, Uni<T>> work) {
    return Retry.with(CONFLICT_BACKOFF)
        .when(
            (failure, retries) ->
                failure instanceof StreamConflict && retries < config.conflictRetries())
        .run(
            () ->
                Panache.withTransaction(
                    () -> Panache.getSession().chain(session -> work.apply(session))))
        // After the commit: the relay publishes what the transaction appended to the outbox.
        .invoke(outbox::committed);
  }

  /** Whether the failure is PostgreSQL giving up waiting for a lock (SQLSTATE 55P03). */
  public static boolean isLockTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof jakarta.persistence.LockTimeoutException
          || t instanceof org.hibernate.exception.LockTimeoutException
          || (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState()))
          || (t instanceof PgException pg && LOCK_NOT_AVAILABLE.equals(pg.getSqlState()))) {
        return true;
      }
    }
    return false;
  }
}
