package news.ticker.ingest.eventstore;

import java.util.UUID;

/**
 * Another writer appended to the stream after it was loaded: the version this writer decided on is
 * taken. The transaction must be rolled back and the command decided again on the reloaded stream.
 */
public class StreamConflict extends RuntimeException {

  public StreamConflict(UUID streamId, long version) {
    // No stack trace: expected under contention and always handled by a retry.
    super(
        "version " + version + " of stream " + streamId + " was appended concurrently",
        null,
        false,
        false);
  }
}
