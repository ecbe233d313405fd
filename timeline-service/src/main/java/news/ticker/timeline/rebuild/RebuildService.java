package news.ticker.timeline.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.platform.problem.ProblemException;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.contentkey.KeyStore;
import news.ticker.timeline.projection.ArticleProjector;
import news.ticker.timeline.projection.BatchProjector;
import news.ticker.timeline.projection.StoryProjector;
import news.ticker.timeline.readmodel.GenerationTables;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.readmodel.RebuildRow;
import news.ticker.timeline.readmodel.TimelineGenerationRow;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Rebuilds by replay: a new generation of the read model is filled from the start of the topics by
 * a {@link RebuildWorker} on this replica (its own Kafka consumer, no group) while the projection
 * keeps the active generation current; once the new one has caught up it becomes active in one
 * transaction, and every replica follows.
 */
@ApplicationScoped
public class RebuildService {

  private static final Logger LOG = Logger.getLogger(RebuildService.class);

  @Inject TimelineConfig config;
  @Inject Generations generations;
  @Inject StoryProjector stories;
  @Inject BatchProjector batch;
  @Inject ArticleProjector articles;
  @Inject KeyStore keys;
  @Inject Vertx vertx;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  /** This replica's name in rebuild rows. */
  final String replica = replicaName();

  private volatile RebuildWorker worker;
  private volatile long cleanupTimer = -1;

  void start(@Observes StartupEvent event) {
    // Database work needs a Vert.x sub-context, which VertxContextSupport makes, but not from an
    // event loop: the timer hands the housekeeping to a worker.
    cleanupTimer =
        vertx.setPeriodic(
            60_000,
            id ->
                Infrastructure.getDefaultWorkerPool()
                    .execute(
                        () -> {
                          try {
                            VertxContextSupport.subscribeAndAwait(this::dropRetiredGenerations);
                          } catch (Throwable e) {
                            LOG.debugf("generation cleanup failed: %s", e.getMessage());
                          }
                        }));
  }

  void stop(@Observes ShutdownEvent event) {
    if (cleanupTimer >= 0) {
      vertx.cancelTimer(cleanupTimer);
    }
    RebuildWorker current = worker;
    if (current != null) {
      current.stop();
    }
  }

  /**
   * Starts a rebuild into the next generation.
   *
   * @throws ProblemException 409 while another rebuild runs
   */
  public Uni<RebuildStatus> start(String requestedBy) {
    return claim(requestedBy)
        .invoke(
            row -> {
              RebuildWorker started = new RebuildWorker(this, row.id, row.generation);
              worker = started;
              started.start();
            })
        .map(RebuildStatus::of);
  }

  @WithTransaction
  Uni<RebuildRow> claim(String requestedBy) {
    Instant stale = Instant.now().minus(config.rebuild().heartbeatTimeout());
    return Panache.getSession()
        .chain(
            session ->
                session
                    // Serialises concurrent requests (on any replica) on the generation row.
                    .find(
                        TimelineGenerationRow.class,
                        TimelineGenerationRow.ID,
                        LockMode.PESSIMISTIC_WRITE)
                    .chain(
                        active ->
                            session
                                .createSelectionQuery(
                                    "from RebuildRow where status = :running", RebuildRow.class)
                                .setParameter("running", RebuildRow.RUNNING)
                                .getResultList()
                                .chain(
                                    running -> {
                                      for (RebuildRow row : running) {
                                        if (row.heartbeatAt.isAfter(stale)) {
                                          return Uni.createFrom()
                                              .failure(
                                                  ProblemException.conflict(
                                                      "rebuild " + row.id + " is still running"));
                                        }
                                        row.status = RebuildRow.FAILED;
                                        row.error = "its replica stopped reporting";
                                        row.finishedAt = Instant.now();
                                      }
                                      return session
                                          .createSelectionQuery(
                                              "select coalesce(max(generation), 0) from RebuildRow",
                                              Integer.class)
                                          .getSingleResult()
                                          .chain(
                                              highest -> {
                                                RebuildRow row = new RebuildRow();
                                                row.id = UUID.randomUUID();
                                                row.generation =
                                                    Math.max(highest, active.activeGeneration) + 1;
                                                row.status = RebuildRow.RUNNING;
                                                row.requestedBy = requestedBy;
                                                row.replica = replica;
                                                row.requestedAt = Instant.now();
                                                row.heartbeatAt = row.requestedAt;
                                                return session.persist(row).replaceWith(row);
                                              });
                                    })));
  }

  /**
   * Cancels a running rebuild: its row says so at once, and its worker, on whichever replica, stops
   * at its next heartbeat (at once on this replica) and drops the rows of its generation. The
   * active generation is never touched. Cancelling a cancelled rebuild answers its status again.
   *
   * @throws ProblemException 404 for an unknown rebuild, 409 for one that switched or failed
   */
  public Uni<RebuildStatus> cancel(UUID id, String requestedBy) {
    return markCancelled(id, requestedBy)
        .invoke(
            status -> {
              RebuildWorker current = worker;
              if (current != null && current.id().equals(id)) {
                current.cancel();
              }
            });
  }

  @WithTransaction
  Uni<RebuildStatus> markCancelled(UUID id, String requestedBy) {
    return Panache.getSession()
        .chain(session -> session.find(RebuildRow.class, id, LockMode.PESSIMISTIC_WRITE))
        .map(
            row -> {
              if (row == null) {
                throw ProblemException.notFound("rebuild", id);
              }
              if (RebuildRow.RUNNING.equals(row.status)) {
                row.status = RebuildRow.CANCELLED;
                row.error = "cancelled by " + requestedBy;
                row.finishedAt = Instant.now();
              } else if (!RebuildRow.CANCELLED.equals(row.status)) {
                throw ProblemException.conflict(
                    "rebuild "
                        + id
                        + " has "
                        + row.status
                        + "; only a running one can be cancelled");
              }
              return RebuildStatus.of(row);
            });
  }

  /**
   * Deletes every row of a generation that is not the active one (a cancelled rebuild's).
   *
   * @return how many rows were deleted
   */
  Uni<Integer> dropGeneration(int generation) {
    return withGenerationRow(
        (session, row) ->
            row.activeGeneration == generation
                ? Uni.createFrom().item(0)
                : deleteGenerations(session, List.of(generation)));
  }

  /** Runs the work in a transaction, with the generation row. */
  private static Uni<Integer> withGenerationRow(
      java.util.function.BiFunction<Mutiny.Session, TimelineGenerationRow, Uni<Integer>> work) {
    return Transactions.inTransaction(
        session ->
            session
                .find(TimelineGenerationRow.class, TimelineGenerationRow.ID)
                .chain(row -> work.apply(session, row)));
  }

  /**
   * Deletes the rows of the generations, table by table. Each delete names its generation, the
   * leading column of every generational table's primary key, so it reads only that generation's
   * rows: a generation already gone costs an index probe, not a scan of the read model.
   */
  private static Uni<Integer> deleteGenerations(Mutiny.Session session, List<Integer> generations) {
    Uni<Integer> chain = Uni.createFrom().item(0);
    for (int generation : generations) {
      for (String table : GenerationTables.ALL) {
        chain =
            chain.chain(
                total ->
                    session
                        .createNativeQuery(
                            "delete from " + table + " where generation = :generation")
                        .setParameter("generation", generation)
                        .executeUpdate()
                        .map(deleted -> total + deleted));
      }
    }
    return chain;
  }

  @WithSession
  public Uni<RebuildStatus> status(UUID id) {
    return Panache.getSession()
        .chain(session -> session.find(RebuildRow.class, id))
        .map(
            row -> {
              if (row == null) {
                throw ProblemException.notFound("rebuild", id);
              }
              return RebuildStatus.of(row);
            });
  }

  /**
   * Deletes the rows of generations that are neither active nor being rebuilt, once the retention
   * after the last switch has passed (readers that started before the switch are done by then).
   */
  Uni<Integer> dropRetiredGenerations() {
    return withGenerationRow(
        (session, row) -> {
          if (row.switchedAt
              .plus(config.rebuild().oldGenerationRetention())
              .isAfter(Instant.now())) {
            return Uni.createFrom().item(0);
          }
          // Every generation there has been, but the active one and those being rebuilt. (A
          // "generation <> active" delete read every row of every table, each minute on every
          // replica: 3.5 s of PostgreSQL a minute with a million changes.)
          return session
              .createNativeQuery(
                  "select g from generate_series(1, greatest(:active, (select"
                      + " coalesce(max(generation), 0) from rebuild))) as g where g <> :active"
                      + " and g not in (select generation from rebuild where status = 'running')",
                  Integer.class)
              .setParameter("active", row.activeGeneration)
              .getResultList()
              .chain(retired -> deleteGenerations(session, retired));
        });
  }

  void finished(RebuildWorker done) {
    if (worker == done) {
      worker = null;
    }
  }

  private static String replicaName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown";
    }
    return host + "/" + ProcessHandle.current().pid();
  }
}
