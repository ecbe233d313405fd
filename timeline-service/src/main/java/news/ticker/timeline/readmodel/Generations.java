package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.timeline.TimelineConfig;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Which generation of the read model is active. Writers take a shared advisory lock in every
 * transaction before they read it, so a switch (which takes that lock exclusively) waits for
 * in-flight writes and every later write lands in the new generation. An advisory lock, not {@code
 * FOR SHARE} on the row: a row lock writes to the row (and the WAL) on every projected batch.
 * Readers use a copy refreshed by polling; the previous generation is kept for a while after a
 * switch, so a replica that has not noticed yet still reads a complete model.
 */
@ApplicationScoped
public class Generations {

  private static final Logger LOG = Logger.getLogger(Generations.class);

  /** The advisory lock key of the generation switch ("gen" in ASCII). */
  public static final long SWITCH_LOCK = 0x67656eL;

  /** Takes the switch lock shared, until the transaction ends. */
  public static final String SHARED_LOCK_SQL =
      "select 1 from (select pg_advisory_xact_lock_shared(" + SWITCH_LOCK + ")) as locked";

  /** Takes the switch lock exclusively, until the transaction ends. */
  public static final String EXCLUSIVE_LOCK_SQL =
      "select 1 from (select pg_advisory_xact_lock(" + SWITCH_LOCK + ")) as locked";

  /** Reads the active generation. */
  public static final String ACTIVE_SQL =
      "select active_generation from timeline_generation where id = 1";

  @Inject Pool pool;
  @Inject Vertx vertx;
  @Inject TimelineConfig config;

  private final AtomicInteger active = new AtomicInteger(1);
  private volatile long timerId = -1;

  void start(@Observes @Priority(200) StartupEvent event) {
    refresh().await().atMost(Duration.ofSeconds(30));
    long every = Math.max(100, config.rebuild().generationPoll().toMillis());
    timerId =
        vertx.setPeriodic(
            every,
            id ->
                refresh()
                    .subscribe()
                    .with(
                        ignored -> {},
                        e -> LOG.debugf("cannot read the active generation: %s", e.getMessage())));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** The generation reads use. */
  public int active() {
    return active.get();
  }

  /** Reads the active generation now (after a switch on this replica, or by the timer). */
  public Uni<Integer> refresh() {
    return pool.query(ACTIVE_SQL)
        .execute()
        .map(rows -> rows.iterator().next().getInteger(0))
        .invoke(this::noticed);
  }

  void noticed(int generation) {
    int previous = active.getAndSet(generation);
    if (previous != generation) {
      LOG.infof("read model generation %d is active (was %d)", generation, previous);
    }
  }

  /**
   * The active generation, share-locked until the caller's transaction ends: a projection write
   * uses it, and a switch cannot happen in between.
   */
  public Uni<Integer> lockActive(Mutiny.Session session) {
    return session
        .createNativeQuery(SHARED_LOCK_SQL)
        .getSingleResult()
        .chain(() -> session.createNativeQuery(ACTIVE_SQL, Integer.class).getSingleResult());
  }

  /** The active generation as the database has it, in its own session. */
  public Uni<Integer> current() {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(s -> s.find(TimelineGenerationRow.class, TimelineGenerationRow.ID))
                .map(row -> row.activeGeneration));
  }
}
