package news.ticker.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay of this service. */
@ConfigMapping(prefix = "ticker.outbox")
public interface OutboxConfig {

  /**
   * Whether this replica runs a relay (it publishes only while it holds the outbox lock). Switched
   * off to hold events back, e.g. to prove that a write acknowledged before a crash is published
   * after restart.
   */
  @WithDefault("true")
  boolean relayEnabled();

  /** How long a relay waits for a commit notification before sweeping the table anyway. */
  @WithDefault("1s")
  Duration sweepInterval();

  /** How many rows one relay pass publishes at most. */
  @WithDefault("500")
  int batchSize();

  /** Pause after a failed publish (Kafka unreachable) before trying again. */
  @WithDefault("1s")
  Duration retryBackoff();

  /** How long a standby replica waits between attempts to take over the relay lock. */
  @WithDefault("2s")
  Duration standbyInterval();

  /**
   * How long published rows are kept for inspection before housekeeping deletes them. Zero, the
   * default, deletes each row as soon as Kafka acknowledged it: a published mark writes the row and
   * its payload to the WAL a second time, which at full load was a third of ingest's WAL.
   */
  @WithDefault("0s")
  Duration publishedRetention();

  /** How long idempotency keys are kept; at least 24 hours by contract. */
  @WithDefault("P2D")
  Duration idempotencyRetention();

  /** Age of the oldest unpublished row above which the wellness check reports DOWN. */
  @WithDefault("30s")
  Duration maxPendingAge();
}
