package news.ticker.ingest.story;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.events.SealedText;
import news.ticker.ingest.write.Patch;

/**
 * Every command to a story, validated and cleaned by the caller. Texts of updates arrive sealed
 * under the update's content key. {@code actor} and {@code at} become every event's {@code actor}
 * and {@code occurredAt}, so deciding is a pure function.
 */
public sealed interface StoryCommand {

  String actor();

  Instant at();

  /**
   * Opens the story with the header it will have; a null {@code coverageStartTime} in it means
   * {@code at}.
   */
  record OpenStory(StoryState.Header header, String actor, Instant at) implements StoryCommand {}

  /** Changes the fields that are present; the others keep their value. */
  record ChangeStory(
      Patch<String> title,
      Patch<String> section,
      Patch<String> summary,
      Patch<List<String>> tags,
      Patch<String> canonicalUrl,
      String actor,
      Instant at)
      implements StoryCommand {}

  /**
   * @param coverageEndTime when coverage ended; null means now ({@code at})
   */
  record CloseStory(Instant coverageEndTime, String actor, Instant at) implements StoryCommand {}

  /**
   * What a new update says, posted or imported, its texts sealed under the update's content key.
   *
   * @param publishedAt when it was published; null for a post means when it was posted ({@code
   *     at}), an import always gives one
   */
  record NewUpdate(
      SealedText headline,
      SealedText body,
      List<String> authors,
      boolean keyEvent,
      boolean pinned,
      Instant publishedAt) {}

  record PostUpdate(UUID updateId, NewUpdate update, String actor, Instant at)
      implements StoryCommand {}

  /**
   * Updates from another system, in the order given. An update whose id is already in the story was
   * imported before and is skipped, so importing again changes nothing.
   */
  record ImportUpdates(List<ImportedUpdate> updates, String actor, Instant at)
      implements StoryCommand {}

  /**
   * @param updateId derived from the story and {@code sourceId}, so the same line always gets it
   */
  record ImportedUpdate(UUID updateId, String sourceId, NewUpdate update) {}

  /**
   * New content of an update. With a {@code correctionNote} it is a correction shown to readers,
   * without one a silent edit.
   */
  record EditUpdate(
      UUID updateId,
      Patch<SealedText> headline,
      SealedText body,
      Patch<List<String>> authors,
      SealedText correctionNote,
      String actor,
      Instant at)
      implements StoryCommand {}

  record RetractUpdate(UUID updateId, String reason, String actor, Instant at)
      implements StoryCommand {}

  /**
   * Redacts an update for good (admin): its content key is destroyed with the event, so its texts
   * disappear from every read and replay; {@code reason} is the public note shown instead.
   */
  record RedactUpdate(UUID updateId, String reason, String actor, Instant at)
      implements StoryCommand {}

  record PinUpdate(UUID updateId, String actor, Instant at) implements StoryCommand {}

  record UnpinUpdate(UUID updateId, String actor, Instant at) implements StoryCommand {}

  record MarkKeyEvent(UUID updateId, String actor, Instant at) implements StoryCommand {}

  record UnmarkKeyEvent(UUID updateId, String actor, Instant at) implements StoryCommand {}

  /** Links an article with a snapshot of its current headline, url and standfirst. */
  record LinkRelatedArticle(
      UUID articleId, String headline, String url, String standfirst, String actor, Instant at)
      implements StoryCommand {}

  record UnlinkRelatedArticle(UUID articleId, String actor, Instant at) implements StoryCommand {}

  /**
   * Attaches a published analysis, or refreshes its metadata after a revision: the story is to hold
   * {@code analysis} as given, which is therefore never redacted.
   */
  record AttachAnalysis(StoryState.AttachedAnalysis analysis, String actor, Instant at)
      implements StoryCommand {

    public AttachAnalysis {
      if (analysis.redacted()) {
        throw new IllegalArgumentException("an analysis is attached unredacted");
      }
    }

    public UUID analysisId() {
      return analysis.analysisId();
    }
  }

  record DetachAnalysis(UUID analysisId, String actor, Instant at) implements StoryCommand {}

  /** The analysis was redacted at the analysis service: its card keeps only the public note. */
  record RedactAnalysisAttachment(UUID analysisId, String reason, String actor, Instant at)
      implements StoryCommand {}
}
