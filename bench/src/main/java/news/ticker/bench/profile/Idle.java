package news.ticker.bench.profile;

import java.util.List;
import java.util.Set;

/**
 * Tells waiting for work from waiting for something. A pool thread parked in its queue's {@code
 * take}, an event loop in {@code epoll_wait}, a timer thread waiting for its next task or a Kafka
 * heartbeat thread is idle: summed over threads such waits reach minutes per minute and would hide
 * a lock that requests queue behind. The report counts idle waits apart and ranks only the others.
 */
public final class Idle {

  /** The park or wait itself, skipped to find who waited. */
  private static final List<String> WAIT_MACHINERY =
      List.of(
          "jdk.internal.misc.Unsafe.",
          "sun.misc.Unsafe.",
          "java.util.concurrent.locks.",
          "java.lang.Object.wait",
          "java.util.concurrent.SynchronousQueue$Transfer",
          "java.util.concurrent.LinkedTransferQueue.awaitMatch",
          "java.util.concurrent.LinkedTransferQueue.xfer");

  /** Who waits for work when the machinery above parks it. */
  private static final Set<String> WAITS_FOR_WORK =
      Set.of(
          "java.util.concurrent.LinkedBlockingQueue.take",
          "java.util.concurrent.LinkedBlockingQueue.poll",
          "java.util.concurrent.ArrayBlockingQueue.take",
          "java.util.concurrent.ArrayBlockingQueue.poll",
          "java.util.concurrent.LinkedBlockingDeque.take",
          "java.util.concurrent.LinkedBlockingDeque.poll",
          "java.util.concurrent.LinkedBlockingDeque.takeFirst",
          "java.util.concurrent.LinkedBlockingDeque.pollFirst",
          "java.util.concurrent.PriorityBlockingQueue.take",
          "java.util.concurrent.PriorityBlockingQueue.poll",
          "java.util.concurrent.DelayQueue.take",
          "java.util.concurrent.DelayQueue.poll",
          "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take",
          "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.poll",
          "java.util.concurrent.SynchronousQueue.take",
          "java.util.concurrent.SynchronousQueue.poll",
          "java.util.concurrent.LinkedTransferQueue.take",
          "java.util.concurrent.LinkedTransferQueue.poll",
          "java.util.concurrent.ForkJoinPool.awaitWork",
          "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run",
          "org.jboss.threads.EnhancedQueueExecutor$PoolThreadNode.park",
          "java.util.TimerThread.mainLoop",
          "java.lang.ref.ReferenceQueue.remove",
          "java.lang.ref.ReferenceQueue.await",
          "org.apache.kafka.clients.consumer.internals.AbstractCoordinator$HeartbeatThread.run");

  /**
   * Threads that serve no request, whatever they wait for: the Kafka consumer's heartbeat thread
   * waits for the client's lock while the consumer thread holds it in its network poll, which is
   * the consumer waiting for records, not contention.
   */
  private static final Set<String> BACKGROUND_THREADS =
      Set.of("org.apache.kafka.clients.consumer.internals.AbstractCoordinator$HeartbeatThread.run");

  /**
   * Native frames in which a thread waits for work (a selector, an accept, the reference queue).
   */
  private static final Set<String> NATIVE_IDLE =
      Set.of(
          "sun.nio.ch.EPoll.wait",
          "io.netty.channel.epoll.Native.epollWait",
          "io.netty.channel.epoll.Native.epollWait0",
          "io.netty.channel.epoll.Native.epollBusyWait0",
          "sun.nio.ch.Net.accept",
          "sun.nio.ch.ServerSocketChannelImpl.accept0",
          "java.lang.ref.Reference.waitForReferencePendingList",
          "java.lang.ProcessHandleImpl.waitForProcessExit0");

  private Idle() {}

  /** True when a park or monitor wait (frames leaf first) is a thread waiting for work. */
  public static boolean isIdleWait(List<String> leafFirst) {
    for (String frame : leafFirst) {
      if (BACKGROUND_THREADS.contains(frame)) {
        return true;
      }
    }
    for (String frame : leafFirst) {
      if (frame.startsWith("jdk.jfr.")) {
        return true; // the recorder's own threads
      }
      if (!isMachinery(frame)) {
        return WAITS_FOR_WORK.contains(frame);
      }
    }
    return false;
  }

  /** True when a native sample (frames leaf first) is a thread waiting for work. */
  public static boolean isIdleNative(List<String> leafFirst) {
    return !leafFirst.isEmpty() && NATIVE_IDLE.contains(leafFirst.get(0));
  }

  /**
   * The stack without the park or wait itself at its leaf ({@code Unsafe.park}, {@code
   * LockSupport.parkNanos}, the queued synchronizer's {@code acquire}, {@code Object.wait}): the
   * event's type says it waited, the frames left say on what ({@code ReentrantLock.lock}, {@code
   * CountDownLatch.await}) and who waited, within the 12 frames kept.
   */
  public static List<String> withoutWaitMachinery(List<String> leafFirst) {
    int i = 0;
    while (i < leafFirst.size() - 1 && isParkOrWait(leafFirst.get(i))) {
      i++;
    }
    return leafFirst.subList(i, leafFirst.size());
  }

  private static boolean isParkOrWait(String frame) {
    return frame.startsWith("jdk.internal.misc.Unsafe.")
        || frame.startsWith("sun.misc.Unsafe.")
        || frame.startsWith("java.util.concurrent.locks.LockSupport.")
        || frame.startsWith("java.util.concurrent.locks.AbstractQueuedSynchronizer.")
        || frame.startsWith("java.lang.Object.wait");
  }

  private static boolean isMachinery(String frame) {
    for (String prefix : WAIT_MACHINERY) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
