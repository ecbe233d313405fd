package news.ticker.timeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the timeline service ({@code ticker.timeline.*}). */
@ConfigMapping(prefix = "ticker.timeline")
public interface TimelineConfig {

  /** HTTP caching of public reads. */
  Http http();

  /** Feed and list pages. */
  Paging paging();

  /** Server-Sent Events. */
  Stream stream();

  /** Read-your-write waits ({@code ?minVersion=}). */
  MinVersion minVersion();

  /** The projection of the story stream into the read model. */
  Projection projection();

  /** The per-replica live follower that feeds SSE. */
  Live live();

  /** Rebuilds and generations of the read model. */
  Rebuild rebuild();

  /** The schema.org rendering. */
  JsonLd jsonLd();

  /** Wellness thresholds. */
  Health health();

  /** Current reads answered from this replica's memory. */
  ReadCache readCache();

  /** HTTP caching of public reads. */
  interface Http {
    /**
     * {@code Cache-Control} of every public read: short enough that a CDN-served page is at most a
     * few seconds behind SSE, with {@code stale-while-revalidate} so the CDN absorbs bursts.
     */
    @WithDefault("public, max-age=2, stale-while-revalidate=30")
    String cacheControl();
  }

  /** Feed and list pages. */
  interface Paging {
    /** Page size when a request names no {@code limit}. */
    @WithDefault("20")
    int defaultLimit();

    /** The largest {@code limit} a request may ask for; above it is a 400. */
    @WithDefault("100")
    int maxLimit();

    /** Page size of {@code /changes} when a request names no {@code limit}. */
    @WithDefault("100")
    int defaultChangesLimit();

    /** The largest {@code limit} of {@code /changes}. */
    @WithDefault("1000")
    int maxChangesLimit();
  }

  /** Server-Sent Events. */
  interface Stream {
    /**
     * Interval of the comment heartbeat that keeps idle connections open through proxies and lets
     * clients notice a dead connection.
     */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * How many SSE connections one client address may hold open on this replica; one more answers
     * 429. Zero or less switches the limit off.
     */
    @WithDefault("16")
    int maxConnectionsPerClient();

    /**
     * How many frames may wait for one slow client, once its socket holds 64 KiB unsent, before its
     * connection is closed (it then resumes with {@code Last-Event-ID}, losing nothing). A waiting
     * frame costs a reference: the frames' bytes are shared by all readers.
     */
    @WithDefault("1000")
    int maxQueuedFrames();

    /** Rows read per query while a connecting client catches up from the change log. */
    @WithDefault("500")
    int catchUpBatch();

    /** The SSE {@code retry:} hint sent to clients, how long a browser waits to reconnect. */
    @WithDefault("2s")
    Duration reconnectDelay();
  }

  /** Read-your-write waits. */
  interface MinVersion {
    /** How long a read with {@code ?minVersion=} waits for the view before answering 503. */
    @WithDefault("5s")
    Duration maxWait();

    /** How often a waiting read looks at the story's version again. */
    @WithDefault("50ms")
    Duration pollInterval();

    /** {@code Retry-After} (seconds) of the 503 when the view did not reach the version in time. */
    @WithDefault("1")
    int retryAfterSeconds();
  }

  /** The projection of the story stream into the read model. */
  interface Projection {
    /**
     * How long an event whose content key has not arrived yet (it travels on another topic) waits
     * for it before the story is held as degraded.
     */
    @WithDefault("5s")
    Duration contentKeyWait();

    /** First pause of the backoff while waiting for a content key; doubles up to 1 s. */
    @WithDefault("20ms")
    Duration contentKeyPoll();

    /**
     * Longest pause between attempts when applying an event fails for a transient reason (the
     * database is down); the consumer retries the same record, in order, until it succeeds.
     */
    @WithDefault("30s")
    Duration maxRetryBackoff();
  }

  /** The per-replica live follower. */
  interface Live {
    /**
     * Whether this replica follows every partition of the story stream to push changes to its SSE
     * clients. Off only in tests that need a replica without live push.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long the live path waits for the projection (possibly on another replica) to write a
     * change it saw on Kafka before giving up on it; a later event or a reconnect catches up.
     */
    @WithDefault("30s")
    Duration projectionWait();

    /** Kafka poll timeout of the live follower's consumer. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /**
     * Bytes of its newest encoded SSE frames that each story with readers on this replica keeps, so
     * that a client catching up after a reconnect is sent them from memory, without reading the
     * change log; 0 keeps none. The default holds about the {@code stream.max-queued-frames} that a
     * slow reader may fall behind before it is disconnected and resumes. They are used only while
     * the replica listens for rewrites of stored changes (the read cache's listener), which a
     * redaction causes.
     */
    @WithDefault("2097152")
    long recentBytes();

    /**
     * Bytes of kept frames of all stories on this replica together (direct memory); when spent, a
     * story keeps fewer, and its readers catch up from the change log.
     */
    @WithDefault("134217728")
    long recentBytesTotal();
  }

  /** Rebuilds and generations. */
  interface Rebuild {
    /** How often every replica reads the active generation of the read model. */
    @WithDefault("1s")
    Duration generationPoll();

    /**
     * How long the previous generation is kept after a switch, so reads that started on it finish
     * and replicas that have not noticed the switch yet still read a complete model.
     */
    @WithDefault("10m")
    Duration oldGenerationRetention();

    /**
     * A running rebuild whose replica has not reported for this long is considered dead, and a new
     * rebuild may start.
     */
    @WithDefault("30s")
    Duration heartbeatTimeout();

    /**
     * How long a rebuild that reached the captured end offsets may keep trying to catch up with the
     * live projection before it fails instead of switching.
     */
    @WithDefault("2m")
    Duration switchTimeout();
  }

  /** The schema.org rendering. */
  interface JsonLd {
    /** {@code publisher.name} of every {@code LiveBlogPosting}. */
    @WithDefault("Ticker")
    String publisherName();

    /** {@code publisher.url}, if any. */
    Optional<String> publisherUrl();

    /** How many of the latest updates a {@code LiveBlogPosting} lists. */
    @WithDefault("100")
    int maxUpdates();
  }

  /** Wellness thresholds. */
  interface Health {
    /** Dead letters younger than this make the dead-letter wellness check DOWN. */
    @WithDefault("15m")
    Duration deadLetterWindow();

    /**
     * Records the projection's consumer group may be behind the end of the story stream before the
     * lag wellness check reports DOWN.
     */
    @WithDefault("1000")
    long maxConsumerLag();
  }

  /**
   * Current reads answered from memory: validators of every story read, and the rendered header and
   * first feed pages of live stories, kept until PostgreSQL notifies a change of the story.
   */
  interface ReadCache {
    /**
     * Whether conditional reads and first pages may be answered from memory. Off, every read goes
     * to the database.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Bytes of rendered pages each replica may hold (the header and first feed pages of the stories
     * read). When full, further pages are rendered for each read until changes free room.
     */
    @WithDefault("33554432")
    long maxBytes();

    /** Pause before this replica listens again after its listening connection was lost. */
    @WithDefault("1s")
    Duration reconnectDelay();
  }
}
