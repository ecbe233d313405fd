package news.ticker.devstack.process;

import java.nio.file.Path;
import java.util.List;

/** A component did not start or did not become ready; names it, its log file and the log's end. */
public class ProcessStartException extends RuntimeException {

  private final String component;
  private final Path logFile;
  private final List<String> logTail;

  public ProcessStartException(
      String component, String reason, Path logFile, List<String> logTail) {
    super(message(component, reason, logFile, logTail));
    this.component = component;
    this.logFile = logFile;
    this.logTail = List.copyOf(logTail);
  }

  private static String message(
      String component, String reason, Path logFile, List<String> logTail) {
    StringBuilder text = new StringBuilder(component).append(" failed to start: ").append(reason);
    if (logFile != null) {
      text.append("\n  log: ").append(logFile.toAbsolutePath());
    }
    if (!logTail.isEmpty()) {
      text.append("\n  last lines of the log:");
      logTail.forEach(line -> text.append("\n    | ").append(line));
    }
    return text.toString();
  }

  /** The component's name, e.g. {@code kafka} or {@code ingest}. */
  public String component() {
    return component;
  }

  /** The component's log file, or {@code null} if it has none. */
  public Path logFile() {
    return logFile;
  }

  /** The last lines of the log at the time of the failure. */
  public List<String> logTail() {
    return logTail;
  }
}
