package news.ticker.timeline.feed;

import java.util.UUID;

/**
 * What a "Read the full analysis" teaser shows of an attached analysis, whether it is anchored at
 * an update ({@link PublicUpdate.AnalysisLink}) or shown on its own in a story's header: one way to
 * render both.
 */
public interface AnalysisTeaser {

  UUID id();

  String title();

  String standfirst();

  int readingTimeMinutes();

  String link();

  /** The public note of an admin's redaction (title and standfirst are then null), or null. */
  PublicUpdate.Redaction redacted();
}
