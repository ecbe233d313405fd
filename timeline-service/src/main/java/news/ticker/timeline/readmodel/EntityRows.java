package news.ticker.timeline.readmodel;

import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RelatedRow;
import news.ticker.timeline.projection.fold.ViewRows.RevisionRow;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;

/**
 * Between the fold's row values and the Hibernate entities of the same tables: the projection's
 * writers and the readers' rendering both go through these rows.
 */
public final class EntityRows {

  private EntityRows() {}

  public static StoryRow row(StoryView v) {
    return new StoryRow(
        v.storyId,
        v.title,
        v.slug,
        v.section,
        v.language,
        v.summary,
        Json.stringList(v.tags),
        v.canonicalUrl,
        v.status,
        v.coverageStartTime,
        v.coverageEndTime,
        v.pinnedUpdateId,
        v.updateCount,
        v.version,
        v.openedAt,
        v.updatedAt);
  }

  public static void copy(StoryRow r, StoryView v) {
    v.storyId = r.storyId();
    v.title = r.title();
    v.slug = r.slug();
    v.section = r.section();
    v.language = r.language();
    v.summary = r.summary();
    v.tags = Json.text(r.tags());
    v.canonicalUrl = r.canonicalUrl();
    v.status = r.status();
    v.coverageStartTime = r.coverageStartTime();
    v.coverageEndTime = r.coverageEndTime();
    v.pinnedUpdateId = r.pinnedUpdateId();
    v.updateCount = r.updateCount();
    v.version = r.version();
    v.openedAt = r.openedAt();
    v.updatedAt = r.updatedAt();
  }

  public static UpdateRow row(UpdateView v) {
    return new UpdateRow(
        v.updateId,
        v.headline,
        v.body,
        Json.stringList(v.authors),
        v.keyEvent,
        v.pinned,
        v.retracted,
        v.corrected,
        v.correctionNote,
        v.correctedAt,
        v.redacted,
        v.redactionReason,
        v.redactedAt,
        v.keyId,
        v.publishedAt,
        v.firstRecordedAt,
        v.lastRecordedAt,
        v.postedVersion);
  }

  public static void copy(UpdateRow r, UpdateView v) {
    v.updateId = r.updateId();
    v.headline = r.headline();
    v.body = r.body();
    v.authors = Json.text(r.authors());
    v.keyEvent = r.keyEvent();
    v.pinned = r.pinned();
    v.retracted = r.retracted();
    v.corrected = r.corrected();
    v.correctionNote = r.correctionNote();
    v.correctedAt = r.correctedAt();
    v.redacted = r.redacted();
    v.redactionReason = r.redactionReason();
    v.redactedAt = r.redactedAt();
    v.keyId = r.keyId();
    v.publishedAt = r.publishedAt();
    v.firstRecordedAt = r.firstRecordedAt();
    v.lastRecordedAt = r.lastRecordedAt();
    v.postedVersion = r.postedVersion();
  }

  public static RelatedRow row(RelatedArticle v) {
    return new RelatedRow(
        v.articleId, v.headline, v.url, v.standfirst, v.linkedVersion, v.linkedAt);
  }

  public static void copy(RelatedRow r, RelatedArticle v) {
    v.articleId = r.articleId();
    v.headline = r.headline();
    v.url = r.url();
    v.standfirst = r.standfirst();
    v.linkedVersion = r.linkedVersion();
    v.linkedAt = r.linkedAt();
  }

  public static AnalysisRow row(AttachedAnalysis v) {
    return new AnalysisRow(
        v.analysisId,
        v.title,
        v.standfirst,
        v.readingTimeMinutes,
        v.link,
        v.anchorUpdateId,
        v.attachedVersion,
        v.attachedAt,
        v.redactionReason,
        v.redactedAt);
  }

  public static void copy(AnalysisRow r, AttachedAnalysis v) {
    v.analysisId = r.analysisId();
    v.title = r.title();
    v.standfirst = r.standfirst();
    v.readingTimeMinutes = r.readingTimeMinutes();
    v.link = r.link();
    v.anchorUpdateId = r.anchorUpdateId();
    v.attachedVersion = r.attachedVersion();
    v.attachedAt = r.attachedAt();
    v.redactionReason = r.redactionReason();
    v.redactedAt = r.redactedAt();
  }

  public static RevisionRow row(UpdateRevision v) {
    return new RevisionRow(
        v.updateId,
        v.version,
        v.kind,
        v.headline,
        v.body,
        v.authors == null ? null : Json.stringList(v.authors),
        v.note,
        v.redacted,
        v.keyId,
        v.recordedAt);
  }

  public static UpdateRevision revision(int generation, UUID storyId, RevisionRow r) {
    UpdateRevision v = new UpdateRevision();
    v.generation = generation;
    v.storyId = storyId;
    v.updateId = r.updateId();
    v.version = r.version();
    v.kind = r.kind();
    v.headline = r.headline();
    v.body = r.body();
    v.authors = r.authors() == null ? null : Json.text(r.authors());
    v.note = r.note();
    v.redacted = r.redacted();
    v.keyId = r.keyId();
    v.recordedAt = r.recordedAt();
    return v;
  }
}
