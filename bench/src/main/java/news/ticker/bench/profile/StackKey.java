package news.ticker.bench.profile;

import java.util.List;

/**
 * One aggregated stack: the innermost frames (leaf first, {@code Class.method} without line
 * numbers, so that the calls of one method from one caller add up whatever line they came from),
 * and the kind of event that carried it ({@code ""} for CPU samples, {@code "SocketRead"} for an
 * I/O event…). Two events with the same kind and the same frames are the same stack.
 */
public record StackKey(String kind, List<String> frames) {

  public StackKey {
    frames = List.copyOf(frames);
  }

  /** The key of a stack cut to its {@code depth} innermost frames. */
  public static StackKey of(String kind, List<String> leafFirst, int depth) {
    return new StackKey(kind, leafFirst.subList(0, Math.min(depth, leafFirst.size())));
  }
}
