package news.ticker.timeline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import news.ticker.timeline.changes.ChangeLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel's two signals: a version seen on Kafka before the projection wrote it, and this
 * replica's commit of it. The log, the timers and the clients are in memory; timers run only when
 * the test runs them, so "delivered without waiting for the backoff" is checked without a clock.
 */
class StoryChannelTest {

  private final TreeMap<Long, ChangeLog.Entry> committedRows = new TreeMap<>();
  private final List<Runnable> timers = new ArrayList<>();
  private final List<ChangeFrame> delivered = new ArrayList<>();
  private final List<Long> received =
      new java.util.AbstractList<>() {
        @Override
        public Long get(int index) {
          return delivered.get(index).version();
        }

        @Override
        public int size() {
          return delivered.size();
        }
      };
  private int reads;
  private boolean holdNextRead;
  private Runnable heldRead;
  private boolean holdNextLastVersion;
  private Runnable heldLastVersion;
  private StoryChannel channel;
  private KeptFrames.Budget budget = new KeptFrames.Budget(1 << 30);
  private StoryChannel.Client lastReader;

  @BeforeEach
  void open() {
    channel = open(1 << 20);
  }

  private StoryChannel open(long recentBytes) {
    Timer timer = Timer.builder("test").register(new SimpleMeterRegistry());
    StoryChannel.Log log =
        new StoryChannel.Log() {
          @Override
          public int generation() {
            return 0;
          }

          @Override
          public Uni<Long> lastVersion(int generation) {
            long last = committedRows.isEmpty() ? 0L : committedRows.lastKey();
            if (holdNextLastVersion) {
              holdNextLastVersion = false;
              return Uni.createFrom()
                  .emitter(emitter -> heldLastVersion = () -> emitter.complete(last));
            }
            return Uni.createFrom().item(last);
          }

          @Override
          public Uni<List<ChangeLog.Entry>> after(int generation, long version, int max) {
            reads++;
            // What the read sees is what was committed when it began.
            List<ChangeLog.Entry> rows =
                new ArrayList<>(committedRows.tailMap(version, false).values());
            if (holdNextRead) {
              holdNextRead = false;
              return Uni.createFrom().emitter(emitter -> heldRead = () -> emitter.complete(rows));
            }
            return Uni.createFrom().item(rows);
          }
        };
    StoryChannel opened =
        new StoryChannel(
            UUID.randomUUID(),
            log,
            Duration.ofSeconds(10),
            timer,
            (millis, task) -> timers.add(task),
            recentBytes,
            budget);
    lastReader = frames -> frames.forEach(frame -> delivered.add(frame));
    assertThat(opened.add(lastReader)).isTrue();
    return opened;
  }

  @Test
  void aCommitAfterKafkaAnnouncedTheVersionIsDeliveredAtOnce() {
    channel.seen(1); // on Kafka, not projected yet: the read finds nothing and backs off
    assertThat(received).isEmpty();
    assertThat(timers).hasSize(1);

    commit(1);
    channel.committed(1);

    assertThat(received).containsExactly(1L); // without running the backoff timer
    assertThat(timers).hasSize(1);
  }

  @Test
  void aCommitDuringAReadThatFindsNothingReadsAgainAtOnce() {
    holdNextRead = true;
    channel.seen(1); // the read begins before the commit
    commit(1);
    channel.committed(1); // arrives while that read is in flight
    assertThat(reads).isEqualTo(1);

    heldRead.run(); // the read comes back empty

    assertThat(reads).isEqualTo(2);
    assertThat(received).containsExactly(1L);
    assertThat(timers).isEmpty();
  }

  @Test
  void withoutACommitHereItPollsUntilTheOtherReplicaWroteTheVersion() {
    channel.seen(2);
    assertThat(timers).hasSize(1);
    commit(1);
    commit(2); // written by the projection on another replica: no commit signal here

    timers.remove(0).run();

    assertThat(received).containsExactly(1L, 2L);
  }

  @Test
  void aCommitOfWhatWasDeliveredReadsNothing() {
    commit(1);
    channel.committed(1);
    int before = reads;

    channel.committed(1);
    channel.seen(1);

    assertThat(reads).isEqualTo(before);
    assertThat(received).containsExactly(1L);
  }

  @Test
  void aBatchReachesTheClientsOfEachLoopInOneTaskOnThatLoop() {
    List<Runnable> loopA = new ArrayList<>();
    List<Runnable> loopB = new ArrayList<>();
    java.util.concurrent.Executor a = loopA::add;
    java.util.concurrent.Executor b = loopB::add;
    List<List<Long>> got = new ArrayList<>();
    for (java.util.concurrent.Executor loop : List.of(a, a, a, b)) {
      List<Long> mine = new ArrayList<>();
      got.add(mine);
      assertThat(
              channel.add(
                  new StoryChannel.Client() {
                    @Override
                    public void live(List<ChangeFrame> frames) {
                      frames.forEach(frame -> mine.add(frame.version()));
                    }

                    @Override
                    public java.util.concurrent.Executor loop() {
                      return loop;
                    }
                  }))
          .isTrue();
    }
    commit(1);
    commit(2);
    commit(3);

    channel.committed(3);

    assertThat(received).containsExactly(1L, 2L, 3L); // the inline client, at once
    assertThat(loopA).hasSize(1);
    assertThat(loopB).hasSize(1);
    assertThat(got).allSatisfy(mine -> assertThat(mine).isEmpty()); // not before their loop runs
    loopA.forEach(Runnable::run);
    loopB.forEach(Runnable::run);
    assertThat(got).allSatisfy(mine -> assertThat(mine).containsExactly(1L, 2L, 3L));
  }

  @Test
  void aClientCatchingUpIsGivenTheDeliveredFramesThemselvesWithoutAReadOfTheLog() {
    commit(1);
    commit(2);
    commit(3);
    channel.committed(3);
    int before = reads;

    List<ChangeFrame> kept = channel.recentAfter(1, 0);

    assertThat(kept).extracting(ChangeFrame::version).containsExactly(2L, 3L);
    assertThat(kept.get(0).sse()).isSameAs(delivered.get(1).sse()); // encoded once, for all
    assertThat(channel.recentAfter(0, 0))
        .extracting(ChangeFrame::version)
        .containsExactly(1L, 2L, 3L);
    assertThat(channel.recentAfter(3, 0)).isEmpty(); // caught up; later changes come live
    assertThat(channel.recentAfter(4, 0)).isNull(); // ahead of this channel: read the log
    assertThat(channel.recentAfter(1, 1)).isNull(); // another generation is active now
    assertThat(reads).isEqualTo(before);
  }

  @Test
  void aNewChannelTellsAClientAtItsVersionThatNothingFollowsWithoutAReadOfTheLog() {
    int before = reads;

    assertThat(channel.recentAfter(0, 0)).isEmpty(); // opened at version 0, nothing delivered yet

    assertThat(reads).isEqualTo(before);
  }

  @Test
  void storiesShareTheReplicasBudgetAndAClosedChannelGivesItsBytesBack() {
    commit(1);
    long frameBytes = ChangeFrame.of(committedRows.get(1L), 0).sse().length();
    budget = new KeptFrames.Budget(2 * frameBytes);
    StoryChannel first = open(1 << 20);
    StoryChannel.Client firstReader = lastReader;
    commit(2);
    commit(3);
    first.committed(3);
    assertThat(budget.used()).isEqualTo(2 * frameBytes);

    StoryChannel second = open(1 << 20); // at version 3
    commit(4);
    second.committed(4);
    assertThat(second.recentAfter(3, 0)).isNull(); // the budget is spent: read the log

    assertThat(first.remove(firstReader)).isTrue(); // its last reader left: it closed
    assertThat(budget.used()).isZero();
    commit(5);
    second.committed(5);
    assertThat(second.recentAfter(4, 0)).extracting(ChangeFrame::version).containsExactly(5L);
  }

  @Test
  void changesCommittedHereAreKeptFromMemoryToo() {
    commit(1);
    channel.committed(1);
    commit(2);
    commit(3);

    channel.committed(0, 3, List.of(committedRows.get(2L), committedRows.get(3L)));

    assertThat(channel.recentAfter(0, 0))
        .extracting(ChangeFrame::version)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void onlyTheNewestFramesWithinTheByteBudgetAreKeptAndOlderPositionsReadTheLog() {
    commit(1);
    long frameBytes = ChangeFrame.of(committedRows.get(1L), 0).sse().length();
    channel = open(2 * frameBytes);
    for (long version = 2; version <= 5; version++) {
      commit(version); // the same size: one digit
    }
    channel.committed(5);

    assertThat(channel.recentAfter(3, 0)).extracting(ChangeFrame::version).containsExactly(4L, 5L);
    assertThat(channel.recentAfter(2, 0)).isNull();
    assertThat(open(0).recentAfter(5, 0)).isNull(); // a budget of 0 keeps nothing
  }

  @Test
  void aRewrittenChangeIsDroppedAndNotKeptAgainByAReadBegunBeforeTheRewrite() {
    commit(1);
    commit(2);
    commit(3);
    channel.committed(3);

    channel.rewritten(2); // a redaction blanked version 2 in the database

    assertThat(channel.recentAfter(1, 0)).isNull(); // 2 must come from the log, redacted
    assertThat(channel.recentAfter(2, 0)).extracting(ChangeFrame::version).containsExactly(3L);

    holdNextRead = true;
    commit(4);
    channel.seen(4); // this read sees version 4 as it was before ...
    channel.rewritten(4); // ... a redaction that commits while the read is in flight
    heldRead.run();

    assertThat(received).containsExactly(1L, 2L, 3L, 4L); // live readers had it already
    assertThat(channel.recentAfter(3, 0)).isNull();
    assertThat(channel.recentAfter(2, 0)).isNull(); // kept frames never skip a version
    commit(5);
    channel.committed(5);
    assertThat(channel.recentAfter(4, 0)).extracting(ChangeFrame::version).containsExactly(5L);
  }

  @Test
  void afterRewritesMayHaveBeenMissedNothingIsKeptUntilTheLastVersionIsRead() {
    commit(1);
    channel.committed(1);
    holdNextLastVersion = true;
    commit(2); // committed, and rewritten while nobody listened; this channel delivers it later

    channel.mayHaveMissed();

    assertThat(channel.recentAfter(1, 0)).isNull();
    channel.committed(2);
    assertThat(received).containsExactly(1L, 2L);
    assertThat(channel.recentAfter(1, 0)).isNull(); // delivered, not kept
    heldLastVersion.run(); // the last version read after the notice: 2
    commit(3);
    channel.committed(3);

    assertThat(channel.recentAfter(2, 0)).extracting(ChangeFrame::version).containsExactly(3L);
    assertThat(channel.recentAfter(1, 0)).isNull();
  }

  private void commit(long version) {
    committedRows.put(
        version,
        new ChangeLog.Entry(
            version,
            "update-posted",
            UUID.randomUUID(),
            "{\"headline\":\"v" + version + "\"}",
            false,
            Instant.now()));
  }
}
