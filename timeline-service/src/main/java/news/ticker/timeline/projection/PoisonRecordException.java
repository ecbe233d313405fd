package news.ticker.timeline.projection;

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

  public String reason() {
    return reason;
  }
}
