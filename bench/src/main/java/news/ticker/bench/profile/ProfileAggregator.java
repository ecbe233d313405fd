package news.ticker.bench.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up one recording's events into a {@link ServiceProfile}. It sees frames as names, leaf
 * first, and never a JFR type, so that it can be tested with made-up stacks ({@link JfrReader}
 * feeds it from a recording).
 */
public final class ProfileAggregator {

  /** Frames per aggregated stack, from the leaf. */
  public static final int DEPTH = 12;

  public static final int TOP_METHODS = 10;
  public static final int TOP_STACKS = 10;
  public static final int TOP_NATIVE_STACKS = 5;
  public static final int TOP_WAIT_STACKS = 5;
  public static final int TOP_IO_STACKS = 3;

  /** Wait event types, in the report's order. */
  public static final List<String> WAIT_TYPES =
      List.of("JavaMonitorEnter", "JavaMonitorWait", "ThreadPark");

  /** I/O event types, in the report's order. */
  public static final List<String> IO_TYPES =
      List.of("SocketRead", "SocketWrite", "FileRead", "FileWrite", "FileForce");

  private final StackTally methods = new StackTally();
  private final StackTally stacks = new StackTally();
  private final StackTally ticker = new StackTally();
  private final Map<String, Long> libraries = new HashMap<>();
  private final StackTally nativeStacks = new StackTally();
  private long nativeSamples;
  private long idleNative;
  private final Map<String, StackTally> waitsByType = new HashMap<>();
  private final StackTally busyWaits = new StackTally();
  private final StackTally idleWaits = new StackTally();
  private final Map<String, StackTally> ioByType = new HashMap<>();
  private final StackTally ioStacks = new StackTally();
  private final List<Long> pauses = new ArrayList<>();
  private long collections;
  private long truncated;
  private Instant first;
  private Instant last;

  /** A CPU sample: a thread running Java code. */
  public void executionSample(List<String> leafFirst) {
    if (leafFirst.isEmpty()) {
      return;
    }
    methods.add(StackKey.of("", leafFirst, 1), 0);
    stacks.add(StackKey.of("", leafFirst, DEPTH), 0);
    libraries.merge(Libraries.of(leafFirst), 1L, Long::sum);
    for (String frame : leafFirst) {
      if (frame.startsWith("news.ticker.")) {
        ticker.add(new StackKey("", List.of(frame)), 0);
        break;
      }
    }
  }

  /** A native sample: a thread in native code (a system call, or waiting in one). */
  public void nativeSample(List<String> leafFirst) {
    if (leafFirst.isEmpty()) {
      return;
    }
    nativeSamples++;
    if (Idle.isIdleNative(leafFirst)) {
      idleNative++;
    } else {
      nativeStacks.add(StackKey.of("", leafFirst, DEPTH), 0);
    }
  }

  /** A monitor enter, monitor wait or park over the threshold ({@code type} one of WAIT_TYPES). */
  public void await(String type, List<String> leafFirst, long nanos) {
    waitsByType
        .computeIfAbsent(type, t -> new StackTally())
        .add(new StackKey(type, List.of()), nanos);
    StackKey key = StackKey.of(type, Idle.withoutWaitMachinery(leafFirst), DEPTH);
    if (Idle.isIdleWait(leafFirst)) {
      idleWaits.add(key, nanos);
    } else {
      busyWaits.add(key, nanos);
    }
  }

  /** A socket or file call over the threshold ({@code type} one of IO_TYPES). */
  public void io(String type, List<String> leafFirst, long nanos) {
    ioByType.computeIfAbsent(type, t -> new StackTally()).add(new StackKey(type, List.of()), nanos);
    ioStacks.add(StackKey.of(type, leafFirst, DEPTH), nanos);
  }

  /** A garbage-collection pause (one jdk.GCPhasePause). */
  public void gcPause(long nanos) {
    pauses.add(nanos);
  }

  /** A garbage collection (one jdk.GarbageCollection, which may have several pauses). */
  public void collection() {
    collections++;
  }

  /** An event whose stack JFR cut at its maximum depth. */
  public void truncatedStack() {
    truncated++;
  }

  /** Widens the recording's span to cover an event. */
  public void span(Instant start, Instant end) {
    if (first == null || start.isBefore(first)) {
      first = start;
    }
    if (last == null || end.isAfter(last)) {
      last = end;
    }
  }

  /** The profile of what was added. */
  public ServiceProfile profile(String scenario, String service, String file, List<String> notes) {
    long samples = stacks.count();
    Map<String, Long> byLibrary = new LinkedHashMap<>();
    libraries.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> byLibrary.put(e.getKey(), e.getValue()));
    ServiceProfile.Cpu cpu =
        new ServiceProfile.Cpu(
            samples,
            methods.topByCount(TOP_METHODS),
            stacks.topByCount(TOP_STACKS),
            byLibrary,
            ticker.topByCount(TOP_METHODS));
    ServiceProfile.Native nat =
        new ServiceProfile.Native(
            nativeSamples, idleNative, nativeStacks.topByCount(TOP_NATIVE_STACKS));
    List<ServiceProfile.Total> waits = new ArrayList<>();
    for (String type : WAIT_TYPES) {
      waits.add(total(type, waitsByType.get(type)));
    }
    List<ServiceProfile.Total> io = new ArrayList<>();
    for (String type : IO_TYPES) {
      io.add(total(type, ioByType.get(type)));
    }
    long[] p = pauses.stream().mapToLong(Long::longValue).toArray();
    long sum = pauses.stream().mapToLong(Long::longValue).sum();
    ServiceProfile.Gc gc =
        new ServiceProfile.Gc(
            collections,
            p.length,
            sum / 1e6,
            Percentile.nearestRank(p, 0.99) / 1e6,
            Percentile.nearestRank(p, 1.0) / 1e6);
    double seconds = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
    return new ServiceProfile(
        scenario,
        service,
        file,
        seconds,
        cpu,
        nat,
        new ServiceProfile.Waits(
            waits,
            new ServiceProfile.Total("idle", idleWaits.count(), idleWaits.nanos()),
            busyWaits.topByTime(TOP_WAIT_STACKS)),
        new ServiceProfile.Io(io, ioStacks.topByTime(TOP_IO_STACKS)),
        gc,
        truncated,
        List.copyOf(notes));
  }

  private static ServiceProfile.Total total(String type, StackTally tally) {
    return tally == null
        ? new ServiceProfile.Total(type, 0, 0)
        : new ServiceProfile.Total(type, tally.count(), tally.nanos());
  }
}
