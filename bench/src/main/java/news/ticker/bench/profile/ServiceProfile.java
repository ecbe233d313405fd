package news.ticker.bench.profile;

import java.util.List;
import java.util.Map;

/**
 * What one service's recording during one scenario shows.
 *
 * @param scenario the scenario's id
 * @param service the stack component ({@code ingest}, {@code timeline})
 * @param file the recording, relative to the run's folder ({@code profiles/feed-reads-ingest.jfr})
 * @param seconds from the recording's first event to its last
 * @param cpu where the threads running Java code were (jdk.ExecutionSample)
 * @param nativeCode where the threads in native code were (jdk.NativeMethodSample)
 * @param waits monitor enters, monitor waits and parks of 1 ms or more
 * @param io socket and file calls of 1 ms or more
 * @param gc garbage collections and their pauses
 * @param truncatedStacks events whose stack JFR cut at its depth (their innermost frames are kept)
 * @param notes what could not be read, or colours the figures
 */
public record ServiceProfile(
    String scenario,
    String service,
    String file,
    double seconds,
    Cpu cpu,
    Native nativeCode,
    Waits waits,
    Io io,
    Gc gc,
    long truncatedStacks,
    List<String> notes) {

  /**
   * CPU samples: the top methods by self time, the top stacks (innermost frames), the share by
   * library, and under which Ticker method (the innermost Ticker frame) the samples fell.
   */
  public record Cpu(
      long samples,
      List<Ranked> topMethods,
      List<Ranked> topStacks,
      Map<String, Long> byLibrary,
      List<Ranked> tickerMethods) {}

  /** Native samples; idle ones (an event loop in epoll_wait) are counted apart. */
  public record Native(long samples, long idleSamples, List<Ranked> topStacks) {}

  /** Count and summed duration of one event type's events. */
  public record Total(String type, long count, long nanos) {
    public double seconds() {
      return nanos / 1e9;
    }
  }

  /**
   * Waits over the threshold by type, the idle ones (threads waiting for work) apart, and the top
   * stacks of the others by summed time.
   */
  public record Waits(List<Total> byType, Total idle, List<Ranked> topStacks) {}

  /** I/O calls over the threshold by type, and the top stacks by summed time. */
  public record Io(List<Total> byType, List<Ranked> topStacks) {}

  /** Collections, and pauses (every jdk.GCPhasePause) with their sum, p99 and longest, in ms. */
  public record Gc(long collections, long pauses, double sumMs, double p99Ms, double maxMs) {}
}
