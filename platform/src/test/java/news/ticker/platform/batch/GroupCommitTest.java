package news.ticker.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The batching rules of the group commit, with a runner that the test completes by hand. */
class GroupCommitTest {

  /** Records every batch and lets the test decide when and how it ends. */
  private static final class Runner implements GroupCommit.Runner<String> {
    final List<List<String>> batches = new ArrayList<>();
    final List<CompletableFuture<List<String>>> pending = new ArrayList<>();
    final List<String> alone = new ArrayList<>();

    @Override
    public synchronized Uni<List<String>> commit(List<String> members) {
      batches.add(List.copyOf(members));
      CompletableFuture<List<String>> done = new CompletableFuture<>();
      pending.add(done);
      return Uni.createFrom().completionStage(done);
    }

    @Override
    public synchronized void alone(String member, Throwable batchFailure) {
      alone.add(member);
    }

    /** Ends the newest batch, handing back what {@code back} picks of it. */
    void end(Function<List<String>, List<String>> back) {
      List<String> batch;
      CompletableFuture<List<String>> done;
      synchronized (this) {
        batch = batches.get(batches.size() - 1);
        done = pending.get(pending.size() - 1);
      }
      done.complete(back.apply(batch));
    }

    void fail() {
      CompletableFuture<List<String>> done;
      synchronized (this) {
        done = pending.get(pending.size() - 1);
      }
      done.completeExceptionally(new IllegalStateException("the database said no"));
    }
  }

  @Test
  void whatQueuesDuringACommitGoesIntoTheNextBatchInArrivalOrderAndBounded() {
    Runner runner = new Runner();
    GroupCommit<String> group = new GroupCommit<>(3, Duration.ZERO, runner);

    group.submit("a");
    assertThat(runner.batches).containsExactly(List.of("a"));
    group.submit("b");
    group.submit("c");
    group.submit("d");
    group.submit("e");
    assertThat(runner.batches).hasSize(1);
    assertThat(group.waiting()).isEqualTo(5);

    runner.end(batch -> List.of());
    assertThat(runner.batches.get(1)).containsExactly("b", "c", "d");
    runner.end(batch -> List.of());
    assertThat(runner.batches.get(2)).containsExactly("e");
    runner.end(batch -> List.of());
    assertThat(runner.batches).hasSize(3);
    assertThat(group.waiting()).isZero();

    group.submit("f");
    assertThat(runner.batches.get(3)).containsExactly("f");
  }

  @Test
  void membersHandedBackGoFirstIntoTheNextBatch() {
    Runner runner = new Runner();
    GroupCommit<String> group = new GroupCommit<>(10, Duration.ZERO, runner);

    group.submit("a");
    group.submit("b");
    group.submit("x");
    runner.end(batch -> List.of());
    assertThat(runner.batches.get(1)).containsExactly("b", "x");
    group.submit("c");
    runner.end(batch -> List.of("b"));

    assertThat(runner.batches.get(2)).containsExactly("b", "c");
  }

  @Test
  void eachMemberOfAFailedBatchRunsAloneAndTheNextBatchStillRuns() {
    Runner runner = new Runner();
    GroupCommit<String> group = new GroupCommit<>(10, Duration.ZERO, runner);

    group.submit("a");
    group.submit("b");
    group.submit("c");
    runner.end(batch -> List.of());
    group.submit("d");
    runner.fail();

    assertThat(runner.alone).containsExactly("b", "c");
    assertThat(runner.batches.get(2)).containsExactly("d");
  }

  @Test
  void aRunnerThatThrowsFailsOnlyItsBatch() {
    List<String> alone = new ArrayList<>();
    GroupCommit<String> group =
        new GroupCommit<>(
            10,
            Duration.ZERO,
            new GroupCommit.Runner<>() {
              @Override
              public Uni<List<String>> commit(List<String> members) {
                throw new IllegalStateException("broken");
              }

              @Override
              public void alone(String member, Throwable batchFailure) {
                alone.add(member);
              }
            });

    group.submit("a");
    group.submit("b");

    assertThat(alone).containsExactly("a", "b");
    assertThat(group.waiting()).isZero();
  }
}
