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
  private final List<Long> received = new ArrayList<>();
  private int reads;
  private boolean holdNextRead;
  private Runnable heldRead;
  private StoryChannel channel;

  @BeforeEach
  void open() {
    Timer timer = Timer.builder("test").register(new SimpleMeterRegistry());
    StoryChannel.Log log =
        new StoryChannel.Log() {
          @Override
          public Uni<Long> lastVersion() {
            return Uni.createFrom().item(committedRows.isEmpty() ? 0L : committedRows.lastKey());
          }

          @Override
          public Uni<List<ChangeLog.Entry>> after(long version, int max) {
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
    channel =
        new StoryChannel(
            UUID.randomUUID(),
            log,
            Duration.ofSeconds(10),
            timer,
            (millis, task) -> timers.add(task));
    assertThat(channel.add(frames -> frames.forEach(frame -> received.add(frame.version()))))
        .isTrue();
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
