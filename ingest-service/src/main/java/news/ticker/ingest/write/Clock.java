package news.ticker.ingest.write;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time commands are stamped with. */
public final class Clock {

  private Clock() {}

  /**
   * Now, to the microsecond: what PostgreSQL keeps of a timestamp, so an event's {@code occurredAt}
   * reads back from the database exactly as it was published.
   */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
