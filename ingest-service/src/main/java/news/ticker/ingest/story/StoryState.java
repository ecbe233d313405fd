package news.ticker.ingest.story;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.ticker.events.AnalysisCard;
import news.ticker.events.SealedText;

/**
 * What the decider needs to know about a story: the fold of its events. Immutable; {@code version}
 * is the number of events folded (0: the story was never opened). Texts stay sealed: no rule needs
 * to read them.
 *
 * @param header the story's header; null until it was opened
 * @param pinnedUpdateId the one pinned update, or null
 */
public record StoryState(
    UUID storyId,
    long version,
    Header header,
    boolean closed,
    Map<UUID, UpdateState> updates,
    UUID pinnedUpdateId,
    Map<UUID, RelatedArticle> relatedArticles,
    Map<UUID, AttachedAnalysis> analyses) {

  /** A story nobody opened yet. */
  public static StoryState initial(UUID storyId) {
    return new StoryState(storyId, 0, null, false, Map.of(), null, Map.of(), Map.of());
  }

  public boolean isOpened() {
    return version > 0;
  }

  public Optional<UpdateState> update(UUID updateId) {
    return Optional.ofNullable(updates.get(updateId));
  }

  /** The header of a story, as the latest {@code story-opened} or {@code story-changed} set it. */
  public record Header(
      String title,
      String slug,
      String section,
      String language,
      String summary,
      List<String> tags,
      String canonicalUrl,
      Instant coverageStartTime) {}

  /**
   * What rules need of an update: whether it is retracted, redacted or a key event, and its current
   * headline and authors (kept by edits that do not send them).
   *
   * @param redacted its content key was destroyed: its texts are gone and it cannot change any more
   */
  public record UpdateState(
      UUID updateId,
      SealedText headline,
      List<String> authors,
      boolean keyEvent,
      boolean retracted,
      String sourceId,
      boolean redacted) {

    UpdateState withContent(SealedText headline, List<String> authors) {
      return new UpdateState(updateId, headline, authors, keyEvent, retracted, sourceId, redacted);
    }

    UpdateState withKeyEvent(boolean keyEvent) {
      return new UpdateState(updateId, headline, authors, keyEvent, retracted, sourceId, redacted);
    }

    UpdateState retract() {
      return new UpdateState(updateId, headline, authors, keyEvent, true, sourceId, redacted);
    }

    /** Redacted for good: the sealed headline goes too, nothing may use the destroyed key again. */
    UpdateState redact() {
      return new UpdateState(updateId, null, authors, keyEvent, retracted, sourceId, true);
    }
  }

  /** The snapshot of an article as linked ("READ: …"). */
  public record RelatedArticle(UUID articleId, String headline, String url, String standfirst) {}

  /**
   * An analysis as attached, with the metadata readers see.
   *
   * @param redacted an admin redacted it: title and standfirst are gone
   */
  public record AttachedAnalysis(
      UUID analysisId,
      String title,
      String standfirst,
      int readingTimeMinutes,
      String link,
      UUID anchorUpdateId,
      boolean redacted) {

    /** The card as announced or attached, not redacted. */
    public static AttachedAnalysis of(AnalysisCard card) {
      return new AttachedAnalysis(
          card.analysisId(),
          card.title(),
          card.standfirst(),
          card.readingTimeMinutes(),
          card.link(),
          card.anchorUpdateId(),
          false);
    }
  }
}
