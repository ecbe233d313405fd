package news.ticker.timeline.projection.fold;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rows of one story's views as values: what {@link ViewFold} reads and returns, and what the
 * writers load from and store to {@code story_view}, {@code update_view}, {@code update_revision},
 * {@code related_article}, {@code attached_analysis} and {@code story_change}.
 */
public final class ViewRows {

  private ViewRows() {}

  /** Status of a story that is being covered. */
  public static final String LIVE = "live";

  /** Status of a story whose coverage ended. */
  public static final String CLOSED = "closed";

  /** The story header ({@code story_view}). */
  public record StoryRow(
      UUID storyId,
      String title,
      String slug,
      String section,
      String language,
      String summary,
      List<String> tags,
      String canonicalUrl,
      String status,
      Instant coverageStartTime,
      Instant coverageEndTime,
      UUID pinnedUpdateId,
      int updateCount,
      long version,
      Instant openedAt,
      Instant updatedAt) {

    public StoryRow {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    StoryRow at(long newVersion, Instant at) {
      return lifecycle(status, coverageEndTime, pinnedUpdateId, updateCount, newVersion, at);
    }

    StoryRow changed(
        String newTitle,
        String newSection,
        String newSummary,
        List<String> newTags,
        String newCanonicalUrl) {
      return new StoryRow(
          storyId,
          newTitle,
          slug,
          newSection,
          language,
          newSummary,
          newTags,
          newCanonicalUrl,
          status,
          coverageStartTime,
          coverageEndTime,
          pinnedUpdateId,
          updateCount,
          version,
          openedAt,
          updatedAt);
    }

    StoryRow closed(Instant end) {
      return lifecycle(CLOSED, end, pinnedUpdateId, updateCount, version, updatedAt);
    }

    StoryRow pinning(UUID updateId) {
      return lifecycle(status, coverageEndTime, updateId, updateCount, version, updatedAt);
    }

    StoryRow counting(int count) {
      return lifecycle(
          status, coverageEndTime, pinnedUpdateId, Math.max(0, count), version, updatedAt);
    }

    /** This header (what {@link #changed} edits) with the fields the story's life moves on. */
    private StoryRow lifecycle(
        String newStatus,
        Instant newCoverageEndTime,
        UUID newPinnedUpdateId,
        int newUpdateCount,
        long newVersion,
        Instant newUpdatedAt) {
      return new StoryRow(
          storyId,
          title,
          slug,
          section,
          language,
          summary,
          tags,
          canonicalUrl,
          newStatus,
          coverageStartTime,
          newCoverageEndTime,
          newPinnedUpdateId,
          newUpdateCount,
          newVersion,
          openedAt,
          newUpdatedAt);
    }
  }

  /** One update as the feed shows it ({@code update_view}). */
  public record UpdateRow(
      UUID updateId,
      String headline,
      String body,
      List<String> authors,
      boolean keyEvent,
      boolean pinned,
      boolean retracted,
      boolean corrected,
      String correctionNote,
      Instant correctedAt,
      boolean redacted,
      String redactionReason,
      Instant redactedAt,
      String keyId,
      Instant publishedAt,
      Instant firstRecordedAt,
      Instant lastRecordedAt,
      long postedVersion) {

    public UpdateRow {
      authors = authors == null ? List.of() : List.copyOf(authors);
    }

    UpdateRow content(
        String newHeadline,
        String newBody,
        List<String> newAuthors,
        boolean nowRedacted,
        String newKeyId,
        Instant at) {
      return new UpdateRow(
          updateId,
          newHeadline,
          newBody,
          newAuthors,
          keyEvent,
          pinned,
          retracted,
          corrected,
          correctionNote,
          correctedAt,
          nowRedacted,
          redactionReason,
          redactedAt,
          newKeyId,
          publishedAt,
          firstRecordedAt,
          at,
          postedVersion);
    }

    UpdateRow correctedWith(String note, Instant at) {
      return marked(keyEvent, pinned, retracted, true, note, at);
    }

    UpdateRow retractedNow() {
      return marked(keyEvent, false, true, corrected, correctionNote, correctedAt);
    }

    UpdateRow redactedNow(String reason, Instant at) {
      return new UpdateRow(
          updateId,
          null,
          null,
          authors,
          keyEvent,
          pinned,
          retracted,
          corrected,
          null,
          correctedAt,
          true,
          reason,
          at,
          keyId,
          publishedAt,
          firstRecordedAt,
          lastRecordedAt,
          postedVersion);
    }

    UpdateRow withPinned(boolean nowPinned) {
      return marked(keyEvent, nowPinned, retracted, corrected, correctionNote, correctedAt);
    }

    UpdateRow withKeyEvent(boolean nowKeyEvent) {
      return marked(nowKeyEvent, pinned, retracted, corrected, correctionNote, correctedAt);
    }

    /** This update's content (what {@link #content} edits) with the marks an editor sets. */
    private UpdateRow marked(
        boolean nowKeyEvent,
        boolean nowPinned,
        boolean nowRetracted,
        boolean nowCorrected,
        String newCorrectionNote,
        Instant newCorrectedAt) {
      return new UpdateRow(
          updateId,
          headline,
          body,
          authors,
          nowKeyEvent,
          nowPinned,
          nowRetracted,
          nowCorrected,
          newCorrectionNote,
          newCorrectedAt,
          redacted,
          redactionReason,
          redactedAt,
          keyId,
          publishedAt,
          firstRecordedAt,
          lastRecordedAt,
          postedVersion);
    }
  }

  /** Kinds of {@link RevisionRow}. */
  public static final String POSTED = "posted";

  public static final String EDITED = "edited";
  public static final String CORRECTED = "corrected";
  public static final String RETRACTED = "retracted";
  public static final String REDACTED = "redacted";

  /** One entry of an update's history ({@code update_revision}). */
  public record RevisionRow(
      UUID updateId,
      long version,
      String kind,
      String headline,
      String body,
      List<String> authors,
      String note,
      boolean redacted,
      String keyId,
      Instant recordedAt) {}

  /** A linked article ({@code related_article}). */
  public record RelatedRow(
      UUID articleId,
      String headline,
      String url,
      String standfirst,
      long linkedVersion,
      Instant linkedAt) {}

  /** An attached analysis's card ({@code attached_analysis}). */
  public record AnalysisRow(
      UUID analysisId,
      String title,
      String standfirst,
      int readingTimeMinutes,
      String link,
      UUID anchorUpdateId,
      long attachedVersion,
      Instant attachedAt,
      String redactionReason,
      Instant redactedAt) {}
}
