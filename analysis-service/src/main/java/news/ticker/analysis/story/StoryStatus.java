package news.ticker.analysis.story;

/** Whether a story's live coverage is still going on. */
public enum StoryStatus {
  OPEN,
  CLOSED
}
