package news.ticker.events;

/** A record that cannot become an event: a poison record for the dead-letter topic. */
public class EventDecodingException extends RuntimeException {

  /** Why the record could not be decoded; goes into the dead-letter record's header. */
  public enum Reason {
    /** A type this build does not know, e.g. a newer version from a future producer. */
    UNKNOWN_TYPE,
    /** Known type, but the data is not valid JSON of that type. */
    MALFORMED_DATA,
    /** A required CloudEvents header is missing or wrong. */
    BAD_ENVELOPE
  }

  private final Reason reason;

  public EventDecodingException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public EventDecodingException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
