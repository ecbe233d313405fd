package news.ticker.events;

import java.util.UUID;

/**
 * What a story shows of an analysis ("Read the full analysis here"): announced by the analysis
 * service ({@link AnalysisEvent.Announced}) and copied onto the story ({@link
 * StoryEvent.AnalysisAttached}).
 */
public interface AnalysisCard {

  UUID analysisId();

  /** The update the analysis is anchored at; optional. */
  UUID anchorUpdateId();

  String title();

  String standfirst();

  int readingTimeMinutes();

  String link();
}
