package news.ticker.analysis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the analysis service ({@code ticker.analysis.*}). */
@ConfigMapping(prefix = "ticker.analysis")
public interface AnalysisConfig {

  /**
   * Public base URL of this service, without a trailing slash: the {@code link} in published events
   * is {@code <public-base-url>/api/v1/analyses/<id>}, so it must be what readers' browsers reach
   * (set from {@code TICKER_PUBLIC_BASE_URL}).
   */
  @WithDefault("http://localhost:8083")
  String publicBaseUrl();

  /**
   * Largest accepted analysis body, in UTF-8 bytes, both as sent and after sanitising; a larger one
   * is answered with 413 naming {@code body}. Keep it below {@code
   * quarkus.http.limits.max-body-size} (16M), or the HTTP layer refuses the request first.
   */
  @WithDefault("1048576")
  int maxBodyBytes();

  /**
   * How long a create request waits for an unknown story or anchor update to reach the story
   * projection before answering 422: the newsroom often creates an analysis right after opening its
   * story, before the story event has travelled through Kafka.
   */
  @WithDefault("5s")
  Duration referenceWait();

  /** How often the projection is looked at again while waiting for a story or update. */
  @WithDefault("100ms")
  Duration referencePollInterval();

  /** Reading speed behind {@code readingTimeMinutes}: ceil(words / this), at least 1. */
  @WithDefault("230")
  int wordsPerMinute();

  /** The story projection's consumer of {@code ticker.story-events}. */
  Projection projection();

  /** The story projection's consumer of {@code ticker.story-events}. */
  interface Projection {

    /**
     * First pause before applying a story event again after a transient failure (database
     * unreachable); doubles on every attempt up to {@link #maxRetryBackoff()}. The event is retried
     * rather than dead-lettered, because skipping a story event would make analyses of that story
     * fail with 422.
     */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest pause between attempts to apply a story event after transient failures. */
    @WithDefault("10s")
    Duration maxRetryBackoff();

    /**
     * Consumer lag (records not yet applied, over all partitions) above which the {@code
     * /q/health/well} check of the projection reports DOWN.
     */
    @WithDefault("1000")
    long maxLag();
  }
}
