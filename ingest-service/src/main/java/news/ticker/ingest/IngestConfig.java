package news.ticker.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest service ({@code ticker.ingest.*}). */
@ConfigMapping(prefix = "ticker.ingest")
public interface IngestConfig {

  /** The CloudEvents {@code ce_source} of every event this service decides. */
  String EVENT_SOURCE = "/ticker/ingest";

  /**
   * Largest update body accepted, in UTF-8 bytes of the HTML as sent (before sanitising). A larger
   * body is refused with 413; in a bulk import the line is rejected.
   */
  @WithDefault("262144")
  int maxUpdateBodyBytes();

  /** Most lines one bulk import may hold; a longer import is refused with 413 as a whole. */
  @WithDefault("5000")
  int maxImportLines();

  /**
   * How many story states this replica keeps in memory. A cached state saves folding the story's
   * whole history on every command; only events newer than the cached version are read.
   */
  @WithDefault("2000")
  int storyCacheSize();

  /**
   * How often a command is retried when another writer (request or replica) appended to the same
   * story first, after a short random pause. Each retry reloads the story, so a request with a
   * stale {@code If-Match} gets 412 on the retry; without {@code If-Match} it is decided again on
   * the new state. When every retry lost, the client gets 409 with {@code Retry-After}.
   */
  @WithDefault("10")
  int conflictRetries();

  /**
   * How long a command waits for its turn on a story or article that other commands are writing.
   * Writers of one stream queue (it has one linear history); one that waited longer gets 409 with
   * {@code Retry-After}, an analysis event is retried.
   */
  @WithDefault("10s")
  Duration streamLockTimeout();

  /**
   * How often consuming an analysis event is retried after an unexpected failure before the record
   * goes to the dead-letter topic. An unreachable database is retried until it is back.
   */
  @WithDefault("5")
  int analysisRetries();

  /**
   * The pause before the first retry of an analysis event; later pauses double, up to ten times as
   * long (each randomised).
   */
  @WithDefault("500ms")
  Duration analysisRetryBackoff();

  /** The group commit of story commands ({@code ticker.ingest.group-commit.*}). */
  GroupCommitConfig groupCommit();

  /**
   * Story commands that need nothing but the request (post, retract, pin, unpin, mark and unmark
   * key events) are decided in batches: what queued while the previous batch committed is locked,
   * read, decided and written in one transaction on the Vert.x PostgreSQL client.
   */
  interface GroupCommitConfig {

    /**
     * Whether those commands go through the group commit; off, each runs in its own Hibernate
     * Reactive transaction as the other commands do.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Most commands in one batch (one transaction). A bigger batch commits more per flush, and
     * holds its stories' locks a little longer.
     */
    @WithDefault("256")
    int maxSize();

    /**
     * How long an idle replica waits for more commands before it commits a lone one. 0 commits at
     * once: under load, batches fill by themselves with what queued during the previous commit.
     */
    @WithDefault("0ms")
    Duration linger();
  }
}
