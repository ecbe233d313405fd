package news.ticker.events;

import java.util.List;

/**
 * The Kafka topics of the published contract. Topics are created explicitly (never auto-created)
 * with a fixed partition count: per-stream order relies on the key-to-partition mapping, so the
 * count can never change without a migration. Scale-out is by replicas up to {@link #PARTITIONS}.
 */
public final class Topics {

  /** Partition count of every topic; the maximum useful number of replicas of a consumer group. */
  public static final int PARTITIONS = 12;

  /** Every event of every story, keyed by story id. Kept forever: the source of every replay. */
  public static final String STORY_EVENTS = "ticker.story-events";

  /** Articles that stories link to ("READ: …"), keyed by article id. */
  public static final String ARTICLE_EVENTS = "ticker.article-events";

  /** Analysis metadata (never the long body), keyed by analysis id. */
  public static final String ANALYSIS_EVENTS = "ticker.analysis-events";

  /**
   * Per-update content keys, compacted, keyed by update id. A tombstone shreds every text sealed
   * under that key, in every replay; see docs/events.md, "Removable text".
   */
  public static final String CONTENT_KEYS = "ticker.content-keys";

  /** Poison records the timeline projection could not apply, with the reason in a header. */
  public static final String TIMELINE_DEAD_LETTER = "ticker.timeline.dead-letter";

  /** Poison records ingest could not turn into story events. */
  public static final String INGEST_DEAD_LETTER = "ticker.ingest.dead-letter";

  /** Poison records the analysis service could not apply. */
  public static final String ANALYSIS_DEAD_LETTER = "ticker.analysis.dead-letter";

  /**
   * How long a record of a compacted topic may wait before compaction removes what a later record
   * (a tombstone) replaced: a destroyed content key leaves the broker's disks within about a day,
   * not whenever its segment happens to close (a week by default).
   */
  public static final long MAX_COMPACTION_LAG_MS = 24L * 3600 * 1000;

  /** How a topic is created. */
  public record TopicSpec(String name, int partitions, boolean compacted, long retentionMs) {}

  /** Every topic the system needs, as it must be created before any service starts. */
  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(STORY_EVENTS, PARTITIONS, false, -1),
          new TopicSpec(ARTICLE_EVENTS, PARTITIONS, false, -1),
          new TopicSpec(ANALYSIS_EVENTS, PARTITIONS, false, -1),
          new TopicSpec(CONTENT_KEYS, PARTITIONS, true, -1),
          new TopicSpec(TIMELINE_DEAD_LETTER, PARTITIONS, false, 30L * 24 * 3600 * 1000),
          new TopicSpec(INGEST_DEAD_LETTER, PARTITIONS, false, 30L * 24 * 3600 * 1000),
          new TopicSpec(ANALYSIS_DEAD_LETTER, PARTITIONS, false, 30L * 24 * 3600 * 1000));

  private Topics() {}
}
