package news.ticker.platform.batch;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A per-replica group commit: members submitted while a batch is in flight wait, and the next batch
 * takes them all (at most {@code maxSize}, in arrival order) into one transaction. One batch is in
 * flight at a time, so a busy replica commits as often as the database can flush, and each commit
 * carries what queued during the previous one. An idle replica commits a lone member at once, or
 * after {@code linger} when that is set.
 *
 * <p>The {@link Runner} does the work and answers each member itself. It may hand members back
 * (their stream was busy elsewhere): they go first into the next batch, ahead of newer members, so
 * a stream's commands keep their order. When a batch fails, none of its work was committed, and
 * each member is handed to {@link Runner#alone}: one bad command never fails the others.
 *
 * <p>Thread-safe: members are submitted from any thread; the batches run one after another.
 *
 * @param <M> a member: a command with the means to answer its caller
 */
public final class GroupCommit<M> {

  /** What a batch does. */
  public interface Runner<M> {

    /**
     * Runs the members in one transaction and answers those it took.
     *
     * @return the members it did not take this time, to be tried in the next batch
     */
    Uni<List<M>> commit(List<M> members);

    /**
     * Runs one member of a failed batch on its own, answering it whatever happens. Called for every
     * member of a batch whose transaction failed before its commit.
     */
    void alone(M member, Throwable batchFailure);
  }

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);
  private static final Duration PAUSE_WITHOUT_PROGRESS = Duration.ofMillis(2);

  private final int maxSize;
  private final Duration linger;
  private final Runner<M> runner;
  private final ArrayDeque<M> queue = new ArrayDeque<>();
  private boolean running;
  private int inFlight;

  public GroupCommit(int maxSize, Duration linger, Runner<M> runner) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1, not " + maxSize);
    }
    this.maxSize = maxSize;
    this.linger = linger;
    this.runner = runner;
  }

  /** Queues the member; it is answered by the runner, in this batch or a later one. */
  public void submit(M member) {
    boolean start;
    synchronized (this) {
      queue.addLast(member);
      start = !running;
      running = true;
    }
    if (start) {
      if (linger.isZero() || linger.isNegative()) {
        next();
      } else {
        Uni.createFrom()
            .voidItem()
            .onItem()
            .delayIt()
            .by(linger)
            .subscribe()
            .with(ignored -> next());
      }
    }
  }

  /**
   * How many members are not answered yet: those queued and those of the batch in flight (for tests
   * and metrics).
   */
  public synchronized int waiting() {
    return queue.size() + inFlight;
  }

  /**
   * Starts the next batch from the queue, where members handed back by the last batch wait first.
   * Stops when there is nothing to do.
   */
  private void next() {
    List<M> batch;
    synchronized (this) {
      if (queue.isEmpty()) {
        running = false;
        inFlight = 0;
        return;
      }
      int size = Math.min(maxSize, queue.size());
      batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(queue.pollFirst());
      }
      inFlight = size;
    }
    Uni<List<M>> run;
    try {
      run = runner.commit(batch);
    } catch (RuntimeException e) {
      run = Uni.createFrom().failure(e);
    }
    run.subscribe()
        .with(
            back -> {
              synchronized (this) {
                inFlight = 0;
                for (int i = back.size() - 1; i >= 0; i--) {
                  queue.addFirst(back.get(i));
                }
              }
              if (!back.isEmpty() && back.size() == batch.size()) {
                // Nothing taken (every stream busy elsewhere): do not spin on the database.
                Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(PAUSE_WITHOUT_PROGRESS)
                    .subscribe()
                    .with(ignored -> next());
              } else {
                next();
              }
            },
            failure -> {
              synchronized (this) {
                inFlight = 0;
              }
              LOG.debugf(
                  "a batch of %d failed, each member runs alone: %s",
                  batch.size(), failure.toString());
              for (M member : batch) {
                try {
                  runner.alone(member, failure);
                } catch (RuntimeException e) {
                  LOG.errorf(e, "a member of a failed batch could not be run alone");
                }
              }
              next();
            });
  }
}
