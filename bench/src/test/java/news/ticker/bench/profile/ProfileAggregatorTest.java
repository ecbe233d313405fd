package news.ticker.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProfileAggregatorTest {

  /** A stack of {@code depth} frames under {@code leaf}: leaf, f1, f2, … */
  private static List<String> stack(String leaf, int depth, String root) {
    List<String> frames = new ArrayList<>();
    frames.add(leaf);
    IntStream.range(1, depth - 1).forEach(i -> frames.add("app.Caller" + i + ".call"));
    frames.add(root);
    return frames;
  }

  private static ServiceProfile profile(ProfileAggregator a) {
    return a.profile("feed-reads", "ingest", "profiles/feed-reads-ingest.jfr", List.of());
  }

  @Test
  void stacksThatDifferBelowTheTwelfthFrameAreOneStack() {
    ProfileAggregator a = new ProfileAggregator();
    a.executionSample(stack("java.util.Objects.equals", 20, "app.RootA.run"));
    a.executionSample(stack("java.util.Objects.equals", 20, "app.RootB.run"));
    a.executionSample(stack("java.util.Objects.equals", 20, "app.RootB.run"));

    ServiceProfile.Cpu cpu = profile(a).cpu();

    assertThat(cpu.samples()).isEqualTo(3);
    assertThat(cpu.topStacks()).hasSize(1);
    Ranked top = cpu.topStacks().get(0);
    assertThat(top.count()).isEqualTo(3);
    assertThat(top.share(cpu.samples())).isEqualTo(1.0);
    assertThat(top.key().frames()).hasSize(ProfileAggregator.DEPTH);
    assertThat(top.key().frames().get(0)).isEqualTo("java.util.Objects.equals");
  }

  @Test
  void stacksThatDifferWithinTwelveFramesAreRankedApartByCount() {
    ProfileAggregator a = new ProfileAggregator();
    List<String> viaMap = List.of("java.util.Objects.equals", "java.util.HashMap.getNode", "a.B.c");
    List<String> viaList =
        List.of("java.util.Objects.equals", "java.util.ArrayList.indexOf", "a.B.c");
    for (int i = 0; i < 3; i++) {
      a.executionSample(viaMap);
    }
    a.executionSample(viaList);

    ServiceProfile.Cpu cpu = profile(a).cpu();

    assertThat(cpu.topStacks()).extracting(r -> r.key().frames()).containsExactly(viaMap, viaList);
    assertThat(cpu.topStacks()).extracting(Ranked::count).containsExactly(3L, 1L);
    assertThat(cpu.topMethods()).hasSize(1);
    assertThat(cpu.topMethods().get(0).key().frames()).containsExactly("java.util.Objects.equals");
    assertThat(cpu.topMethods().get(0).share(cpu.samples())).isEqualTo(1.0);
  }

  @Test
  void keepsTheTopTenMethodsAndStacks() {
    ProfileAggregator a = new ProfileAggregator();
    for (int m = 0; m < 15; m++) {
      for (int n = 0; n <= m; n++) {
        a.executionSample(List.of("app.M" + m + ".run", "app.Main.main"));
      }
    }

    ServiceProfile.Cpu cpu = profile(a).cpu();

    assertThat(cpu.topMethods()).hasSize(10);
    assertThat(cpu.topMethods().get(0).key().frames()).containsExactly("app.M14.run");
    assertThat(cpu.topMethods().get(9).key().frames()).containsExactly("app.M5.run");
    assertThat(cpu.topStacks()).hasSize(10);
  }

  @Test
  void chargesASampleToTheInnermostLibraryAndTickerMethod() {
    ProfileAggregator a = new ProfileAggregator();
    a.executionSample(
        List.of(
            "java.util.HashMap.get",
            "com.fasterxml.jackson.databind.ObjectMapper.readValue",
            "news.ticker.ingest.StoryResource.create",
            "io.vertx.core.impl.ContextImpl.run"));
    a.executionSample(List.of("java.lang.String.hashCode", "java.lang.Thread.run"));

    ServiceProfile.Cpu cpu = profile(a).cpu();

    assertThat(cpu.byLibrary()).containsEntry("JSON (Jackson)", 1L).containsEntry("JDK", 1L);
    assertThat(cpu.tickerMethods()).hasSize(1);
    assertThat(cpu.tickerMethods().get(0).key().frames())
        .containsExactly("news.ticker.ingest.StoryResource.create");
  }

  @Test
  void ranksWaitsByTotalTimeAndLeavesThreadsWaitingForWorkOut() {
    ProfileAggregator a = new ProfileAggregator();
    List<String> lock =
        List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.ReentrantLock.lock",
            "news.ticker.timeline.Fanout.publish");
    List<String> monitor = List.of("news.ticker.ingest.Outbox.append", "app.Worker.run");
    List<String> poolIdle =
        List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
            "java.util.concurrent.LinkedBlockingQueue.take",
            "java.util.concurrent.ThreadPoolExecutor.getTask");
    a.await("ThreadPark", lock, 2_000_000);
    a.await("ThreadPark", lock, 3_000_000);
    a.await("JavaMonitorEnter", monitor, 4_000_000);
    a.await("ThreadPark", poolIdle, 60_000_000_000L);

    ServiceProfile.Waits waits = profile(a).waits();

    assertThat(waits.byType())
        .extracting(ServiceProfile.Total::type, ServiceProfile.Total::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("JavaMonitorEnter", 1L),
            org.assertj.core.groups.Tuple.tuple("JavaMonitorWait", 0L),
            org.assertj.core.groups.Tuple.tuple("ThreadPark", 3L));
    assertThat(waits.idle().count()).isEqualTo(1);
    assertThat(waits.idle().seconds()).isEqualTo(60.0);
    assertThat(waits.topStacks()).hasSize(2);
    Ranked first = waits.topStacks().get(0);
    assertThat(first.key().kind()).isEqualTo("ThreadPark");
    assertThat(first.count()).isEqualTo(2);
    assertThat(first.nanos()).isEqualTo(5_000_000);
    // The park itself is left out: the stack starts with who waited.
    assertThat(first.key().frames())
        .containsExactly(
            "java.util.concurrent.locks.ReentrantLock.lock", "news.ticker.timeline.Fanout.publish");
    assertThat(waits.topStacks().get(1).key().kind()).isEqualTo("JavaMonitorEnter");
  }

  @Test
  void keepsTheThreeLongestIoStacksAndTotalsByType() {
    ProfileAggregator a = new ProfileAggregator();
    for (int i = 0; i < 5; i++) {
      a.io(
          "SocketRead",
          List.of("sun.nio.ch.NioSocketImpl.read", "app.Db" + i + ".query"),
          (i + 1) * 1_000_000L);
    }
    a.io("FileWrite", List.of("java.io.FileOutputStream.write", "app.Log.write"), 7_000_000);

    ServiceProfile.Io io = profile(a).io();

    assertThat(io.byType())
        .filteredOn(t -> t.type().equals("SocketRead"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.count()).isEqualTo(5);
              assertThat(t.seconds()).isCloseTo(0.015, within(1e-9));
            });
    assertThat(io.topStacks()).hasSize(3);
    assertThat(io.topStacks())
        .extracting(Ranked::nanos)
        .containsExactly(7_000_000L, 5_000_000L, 4_000_000L);
    assertThat(io.topStacks().get(0).key().kind()).isEqualTo("FileWrite");
  }

  @Test
  void summarisesGcPausesWithTheirP99AndMax() {
    ProfileAggregator a = new ProfileAggregator();
    for (int i = 1; i <= 200; i++) {
      a.gcPause(i * 100_000L); // 0.1 ms … 20 ms
    }
    a.collection();
    a.collection();

    ServiceProfile.Gc gc = profile(a).gc();

    assertThat(gc.collections()).isEqualTo(2);
    assertThat(gc.pauses()).isEqualTo(200);
    assertThat(gc.sumMs()).isCloseTo(2010.0, within(1e-6));
    assertThat(gc.p99Ms()).isCloseTo(19.8, within(1e-9));
    assertThat(gc.maxMs()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void withoutPausesTheGcFiguresAreNotInvented() {
    ServiceProfile.Gc gc = profile(new ProfileAggregator()).gc();

    assertThat(gc.pauses()).isZero();
    assertThat(gc.p99Ms()).isNaN();
    assertThat(gc.maxMs()).isNaN();
  }

  @Test
  void countsIdleNativeSamplesApart() {
    ProfileAggregator a = new ProfileAggregator();
    a.nativeSample(List.of("sun.nio.ch.EPoll.wait", "sun.nio.ch.EPollSelectorImpl.doSelect"));
    a.nativeSample(List.of("sun.nio.ch.SocketDispatcher.write0", "io.netty.channel.Flush.run"));

    ServiceProfile.Native nat = profile(a).nativeCode();

    assertThat(nat.samples()).isEqualTo(2);
    assertThat(nat.idleSamples()).isEqualTo(1);
    assertThat(nat.topStacks())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.key().frames().get(0))
                    .isEqualTo("sun.nio.ch.SocketDispatcher.write0"));
  }

  @Test
  void spansFromTheFirstEventToTheLast() {
    ProfileAggregator a = new ProfileAggregator();
    Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
    a.span(t0.plusSeconds(5), t0.plusSeconds(6));
    a.span(t0, t0.plusMillis(1));
    a.span(t0.plusSeconds(30), t0.plusSeconds(31));

    assertThat(profile(a).seconds()).isEqualTo(31.0);
  }
}
