package news.ticker.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import news.ticker.bench.http.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The open-loop writer against a fake server that answers each request after a fixed delay, on a
 * Vert.x timer: the delay is the behaviour under test, not a synchronisation.
 */
class OpenLoopTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private Future<Http.Reply> answerAfter(long millis, int status) {
    long start = System.nanoTime();
    Promise<Http.Reply> p = Promise.promise();
    vertx.setTimer(
        millis,
        t ->
            p.complete(
                new Http.Reply(
                    status,
                    MultiMap.caseInsensitiveMultiMap(),
                    Buffer.buffer(Unpooled.EMPTY_BUFFER),
                    start,
                    System.nanoTime())));
    return p.future();
  }

  @Test
  void aSlowServerIsChargedForTheWaitItCausedNotOnlyForItsServiceTime() {
    // 10 requests due 1 ms apart, one at a time (cap 1), each answered after 20 ms: request 9 is
    // due
    // at 9 ms but can only be sent after the 9 before it, at 180 ms or later.
    Schedule schedule = new Schedule(System.nanoTime() + 5_000_000L, 1000, 10);
    OpenLoop.Outcome o =
        OpenLoop.run(
            vertx, schedule, 1, i -> answerAfter(20, 201), r -> r.status() == 201, null, null);

    assertThat(o.sent()).isEqualTo(10);
    assertThat(o.accepted()).isEqualTo(10);
    assertThat(o.deferredByCap()).isEqualTo(9);
    assertThat(o.maxInFlight()).isEqualTo(1);
    long worstFromIntendedMs = o.fromIntended().total().getMaxValue() / 1000;
    long worstFromSendMs = o.fromSend().total().getMaxValue() / 1000;
    assertThat(worstFromIntendedMs).isGreaterThanOrEqualTo(200 - 9);
    assertThat(worstFromSendMs).isLessThan(worstFromIntendedMs);
    // the writer did not keep its rate: 10 accepted over at least 200 ms of span, not over 10 ms
    assertThat(o.spanSeconds()).isGreaterThanOrEqualTo(0.2);
    assertThat(o.achievedRate()).isLessThan(o.askedRate() * 0.95);
  }

  @Test
  void everyRequestIsSentOnceWithItsOwnDueTimeAndRefusalsAreNotAccepted() {
    Schedule schedule = new Schedule(System.nanoTime(), 2000, 200);
    List<Long> indexes = Collections.synchronizedList(new ArrayList<>());
    List<Long> due = Collections.synchronizedList(new ArrayList<>());
    OpenLoop.Outcome o =
        OpenLoop.run(
            vertx,
            schedule,
            2_000,
            i -> answerAfter(1, i % 10 == 0 ? 412 : 201),
            r -> r.status() == 201,
            (i, intended, r) -> {
              indexes.add(i);
              due.add(intended - schedule.dueNanos(i));
            },
            null);

    assertThat(o.sent()).isEqualTo(200);
    assertThat(o.deferredByCap()).isZero();
    assertThat(indexes).hasSize(200).doesNotHaveDuplicates();
    assertThat(due).containsOnly(0L);
    assertThat(o.accepted()).isEqualTo(180);
    assertThat(o.statuses()).containsEntry(201, 180L).containsEntry(412, 20L);
    assertThat(o.fromIntended().total().getTotalCount()).isEqualTo(180);
  }

  @Test
  void requestsTheCapStillHoldsAfterTheDrainAreAbandonedAndChargedTheirWait() {
    // 20 requests due within 19 ms, one at a time, each answered after 150 ms; after a 100 ms drain
    // the cap still holds most of them: they are never sent, and their wait is in the tail.
    Schedule schedule = new Schedule(System.nanoTime() + 5_000_000L, 1000, 20);
    OpenLoop.Outcome o =
        OpenLoop.run(
            vertx,
            schedule,
            1,
            i -> answerAfter(150, 201),
            r -> r.status() == 201,
            null,
            null,
            100_000_000L);

    assertThat(o.abandoned()).isPositive();
    assertThat(o.sent() + o.abandoned()).isEqualTo(20);
    assertThat(o.accepted()).isEqualTo(o.sent());
    assertThat(o.fromIntended().total().getTotalCount()).isEqualTo(20);
    assertThat(o.fromIntended().total().getMaxValue() / 1000).isGreaterThanOrEqualTo(100);
    assertThat(o.fromSend().total().getTotalCount()).isEqualTo(o.accepted());
  }
}
