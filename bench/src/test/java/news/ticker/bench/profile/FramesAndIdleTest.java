package news.ticker.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FramesAndIdleTest {

  @Test
  void namesALambdaWithoutItsNumber() {
    assertThat(Frames.name("news.ticker.Fanout$$Lambda$1234/0x0000000801abc", "accept"))
        .isEqualTo("news.ticker.Fanout$$Lambda.accept");
    assertThat(Frames.name("java.util.HashMap", "getNode")).isEqualTo("java.util.HashMap.getNode");
  }

  @Test
  void rendersAStackLeafFirstWithShortNames() {
    assertThat(
            Frames.render(
                List.of(
                    "java.util.Objects.equals",
                    "java.util.HashMap$TreeNode.find",
                    "news.ticker.timeline.Readers.register")))
        .isEqualTo("Objects.equals ← HashMap$TreeNode.find ← Readers.register");
    assertThat(Frames.shortName("Main.run")).isEqualTo("Main.run");
  }

  @Test
  void aPoolThreadWaitingForATaskIsIdleALockIsNot() {
    List<String> take =
        List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
            "java.util.concurrent.LinkedBlockingQueue.take",
            "java.util.concurrent.ThreadPoolExecutor.getTask");
    List<String> idleEqe =
        List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.parkNanos",
            "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run");
    List<String> lock =
        List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
            "java.util.concurrent.locks.ReentrantLock.lock",
            "news.ticker.timeline.Fanout.publish",
            "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run");

    assertThat(Idle.isIdleWait(take)).isTrue();
    assertThat(Idle.isIdleWait(idleEqe)).isTrue();
    assertThat(Idle.isIdleWait(lock)).isFalse();
    List<String> heartbeat =
        List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.ReentrantLock.lock",
            "org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient.poll",
            "org.apache.kafka.clients.consumer.internals.AbstractCoordinator$HeartbeatThread.run");
    assertThat(Idle.isIdleWait(heartbeat)).isTrue();
    assertThat(Idle.withoutWaitMachinery(lock))
        .startsWith("java.util.concurrent.locks.ReentrantLock.lock");
  }

  @Test
  void anEventLoopInEpollIsIdleAWriteIsNot() {
    assertThat(Idle.isIdleNative(List.of("sun.nio.ch.EPoll.wait", "x.Y.z"))).isTrue();
    assertThat(Idle.isIdleNative(List.of("sun.nio.ch.SocketDispatcher.write0"))).isFalse();
    assertThat(Idle.isIdleNative(List.of())).isFalse();
  }
}
