package news.ticker.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/** Reads a Java Flight Recorder file into a {@link ProfileAggregator}. */
public final class JfrReader {

  private JfrReader() {}

  /** Feeds every event of the recording that the profile summarises to {@code into}. */
  public static void read(Path file, ProfileAggregator into) throws IOException {
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        accept(recording.readEvent(), into);
      }
    }
  }

  static void accept(RecordedEvent event, ProfileAggregator into) {
    String name = event.getEventType().getName();
    if (!name.startsWith("jdk.")) {
      return;
    }
    String type = name.substring("jdk.".length());
    into.span(event.getStartTime(), event.getEndTime());
    switch (type) {
      case "ExecutionSample" -> into.executionSample(frames(event, into));
      case "NativeMethodSample" -> into.nativeSample(frames(event, into));
      case "GCPhasePause" -> into.gcPause(event.getDuration().toNanos());
      case "GarbageCollection" -> into.collection();
      default -> {
        if (ProfileAggregator.WAIT_TYPES.contains(type)) {
          into.await(type, frames(event, into), event.getDuration().toNanos());
        } else if (ProfileAggregator.IO_TYPES.contains(type)) {
          into.io(type, frames(event, into), event.getDuration().toNanos());
        }
      }
    }
  }

  /** The event's frames named by {@link Frames#name}, leaf first; empty without a stack. */
  static List<String> frames(RecordedEvent event, ProfileAggregator into) {
    RecordedStackTrace stack = event.getStackTrace();
    if (stack == null) {
      return List.of();
    }
    if (stack.isTruncated()) {
      into.truncatedStack();
    }
    List<String> out = new ArrayList<>(stack.getFrames().size());
    for (RecordedFrame f : stack.getFrames()) {
      RecordedMethod m = f.getMethod();
      if (m != null && m.getType() != null) {
        out.add(Frames.name(m.getType().getName(), m.getName()));
      }
    }
    return out;
  }
}
