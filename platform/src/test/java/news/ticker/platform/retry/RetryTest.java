package news.ticker.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retries on a real Vert.x instance: where each attempt runs, how often, and after what pause. */
class RetryTest {

  private static final Backoff QUICK =
      Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(4));

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void transientFailuresAreRetriedOnTheContextTheRunStartedOnWhereverTheyArrive() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Context> attemptedOn = new CopyOnWriteArrayList<>();
    Supplier<Uni<String>> attempt =
        () -> {
          attemptedOn.add(Vertx.currentContext());
          if (attemptedOn.size() < 4) {
            // The failure arrives on a worker thread, as some drivers deliver it.
            return Uni.createFrom()
                .<String>failure(new ConnectException("Connection refused"))
                .emitOn(Infrastructure.getDefaultWorkerPool());
          }
          return Uni.createFrom().item("applied");
        };

    assertThat(runOn(context, Retry.with(QUICK).run(attempt))).isEqualTo("applied");
    assertThat(attemptedOn).hasSize(4).containsOnly(context);
  }

  @Test
  void subscribedOffAnyContextItRetriesOnTheContextTheFailureArrivedOn() {
    Context context = vertx.getOrCreateContext();
    List<Context> attemptedOn = new java.util.ArrayList<>();
    Uni<String> run =
        Retry.with(QUICK)
            .run(
                () -> {
                  attemptedOn.add(Vertx.currentContext());
                  if (attemptedOn.size() < 3) {
                    return Uni.createFrom()
                        .<String>failure(new ConnectException("Connection refused"))
                        .emitOn(task -> context.runOnContext(ignored -> task.run()));
                  }
                  return Uni.createFrom().item("applied");
                });

    assertThat(run.await().atMost(Duration.ofSeconds(10))).isEqualTo("applied");
    assertThat(attemptedOn).containsExactly(null, context, context);
  }

  @Test
  void aFailureThatIsNotTransientFailsTheRunAtOnce() {
    Context context = vertx.getOrCreateContext();
    PgException duplicate = new PgException("duplicate key", "ERROR", "23505", null);
    int[] attempts = new int[1];

    assertThatThrownBy(
            () ->
                runOn(
                    context,
                    Retry.with(QUICK)
                        .run(
                            () -> {
                              attempts[0]++;
                              return Uni.createFrom().failure(duplicate);
                            })))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isSameAs(duplicate);
    assertThat(attempts[0]).isEqualTo(1);
  }

  @Test
  void theConditionSeesHowManyRetriesWereMadeAndBoundsThem() {
    Context context = vertx.getOrCreateContext();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    IllegalStateException lost = new IllegalStateException("lost the race");
    int[] attempts = new int[1];
    Retry threeRetries =
        Retry.with(QUICK)
            .when(
                (failure, retries) -> {
                  seen.add(retries);
                  return failure == lost && retries < 3;
                });

    assertThatThrownBy(
            () ->
                runOn(
                    context,
                    threeRetries.run(
                        () -> {
                          attempts[0]++;
                          return Uni.createFrom().failure(lost);
                        })))
        .cause()
        .isSameAs(lost);
    assertThat(attempts[0]).isEqualTo(4);
    assertThat(seen).containsExactly(0, 1, 2, 3);
  }

  @Test
  void eachPauseLastsAtLeastWhatTheBackoffSays() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Long> startedAt = new CopyOnWriteArrayList<>();
    Retry retry = Retry.with(Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(40)));

    runOn(
        context,
        retry.run(
            () -> {
              startedAt.add(System.nanoTime());
              return startedAt.size() < 4
                  ? Uni.createFrom().failure(new ConnectException("refused"))
                  : Uni.createFrom().item("done");
            }));

    assertThat(startedAt).hasSize(4);
    long[] gaps = new long[3];
    for (int i = 0; i < 3; i++) {
      gaps[i] = TimeUnit.NANOSECONDS.toMillis(startedAt.get(i + 1) - startedAt.get(i));
    }
    assertThat(gaps[0]).isGreaterThanOrEqualTo(19);
    assertThat(gaps[1]).isGreaterThanOrEqualTo(39);
    assertThat(gaps[2]).isGreaterThanOrEqualTo(39);
  }

  @Test
  void outsideVertxItRetriesAfterMutinysOwnDelay() {
    int[] attempts = new int[1];
    String outcome =
        Retry.with(QUICK)
            .run(
                () ->
                    ++attempts[0] < 3
                        ? Uni.createFrom().failure(new ConnectException("refused"))
                        : Uni.createFrom().item("done"))
            .await()
            .atMost(Duration.ofSeconds(10));

    assertThat(outcome).isEqualTo("done");
    assertThat(attempts[0]).isEqualTo(3);
  }

  @Test
  void aPauseResumesOnTheContextItWasGiven() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Context> resumedOn = new CompletableFuture<>();
    VertxDelays.delay(context, Duration.ofMillis(5))
        .subscribe()
        .with(
            ignored -> resumedOn.complete(Vertx.currentContext()),
            resumedOn::completeExceptionally);
    assertThat(resumedOn.get(10, TimeUnit.SECONDS)).isSameAs(context);

    CompletableFuture<Context> immediately = new CompletableFuture<>();
    VertxDelays.delay(context, Duration.ZERO)
        .subscribe()
        .with(
            ignored -> immediately.complete(Vertx.currentContext()),
            immediately::completeExceptionally);
    assertThat(immediately.get(10, TimeUnit.SECONDS)).isSameAs(context);

    assertThatThrownBy(() -> VertxDelays.delay(Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Subscribes on the context and waits for the outcome. */
  private static <T> T runOn(Context context, Uni<T> uni) throws Exception {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    context.runOnContext(
        ignored -> uni.subscribe().with(outcome::complete, outcome::completeExceptionally));
    return outcome.get(10, TimeUnit.SECONDS);
  }
}
