package news.ticker.timeline.story;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A story in the list of stories. */
public record StorySummary(
    UUID id,
    String title,
    String slug,
    String section,
    String language,
    String canonicalUrl,
    String status,
    String summary,
    List<String> tags,
    Instant coverageStartTime,
    Instant coverageEndTime,
    int updateCount,
    long version,
    Instant updatedAt) {}
