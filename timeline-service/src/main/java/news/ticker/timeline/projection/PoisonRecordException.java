package news.ticker.timeline.projection;

import java.time.DateTimeException;
import java.util.function.Supplier;
import news.ticker.events.EventDecodingException;

/**
 * A record that can never be applied. Its message (reason first, e.g. {@code UNKNOWN_TYPE: …})
 * becomes the {@code dead-letter-reason} header of the dead-letter record.
 */
public class PoisonRecordException extends RuntimeException {

  private final String reason;

  public PoisonRecordException(String reason, String detail, Throwable cause) {
    super(reason + ": " + detail, cause);
    this.reason = reason;
  }

  public static PoisonRecordException of(EventDecodingException e) {
    return new PoisonRecordException(e.reason().name(), e.getMessage(), e);
  }

  /**
   * Runs a step that works on a record's data alone (rendering, folding), never on the database or
   * the network. What such a step throws is a fault of the record that no retry cures, so it
   * becomes a poison here, where it is known to come from the record. The same exceptions thrown by
   * a database driver during an outage are not a poison: they are retried (see {@link Retries}).
   */
  public static <T> T fromRecordData(Supplier<T> step) {
    try {
      return step.get();
    } catch (NullPointerException
        | ClassCastException
        | DateTimeException
        | IllegalArgumentException e) {
      throw new PoisonRecordException(
          EventDecodingException.Reason.MALFORMED_DATA.name(),
          "the event cannot be applied: " + e,
          e);
    }
  }

  public String reason() {
    return reason;
  }
}
