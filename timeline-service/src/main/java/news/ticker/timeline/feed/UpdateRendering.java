package news.ticker.timeline.feed;

import news.ticker.timeline.Json;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.readmodel.AttachedAnalysis;
import news.ticker.timeline.readmodel.UpdateRevision;
import news.ticker.timeline.readmodel.UpdateView;

/** The public forms of the update tables. */
public final class UpdateRendering {

  private UpdateRendering() {}

  public static PublicUpdate of(UpdateView update, AttachedAnalysis anchored) {
    PublicUpdate.Correction correction =
        update.corrected
            ? new PublicUpdate.Correction(
                PublicText.of(update.correctionNote, update.redacted), update.correctedAt)
            : null;
    PublicUpdate.AnalysisLink link =
        anchored == null
            ? null
            : new PublicUpdate.AnalysisLink(
                anchored.analysisId,
                anchored.title,
                anchored.standfirst,
                anchored.readingTimeMinutes,
                anchored.link,
                redaction(anchored));
    return new PublicUpdate(
        update.updateId,
        PublicText.of(update.headline, update.redacted),
        PublicText.of(update.body, update.redacted),
        Json.stringList(update.authors),
        update.keyEvent,
        update.pinned,
        update.retracted,
        update.publishedAt,
        update.lastRecordedAt,
        correction,
        link,
        update.redactionReason == null && update.redactedAt == null
            ? null
            : new PublicUpdate.Redaction(update.redactionReason, update.redactedAt));
  }

  /** The public note of an analysis's redaction, or null. */
  public static PublicUpdate.Redaction redaction(AttachedAnalysis analysis) {
    return analysis.redactedAt == null && analysis.redactionReason == null
        ? null
        : new PublicUpdate.Redaction(analysis.redactionReason, analysis.redactedAt);
  }

  public static Revision of(UpdateRevision revision) {
    boolean retraction =
        UpdateRevision.RETRACTED.equals(revision.kind)
            || UpdateRevision.REDACTED.equals(revision.kind);
    return new Revision(
        revision.version,
        revision.kind,
        retraction ? null : PublicText.of(revision.headline, revision.redacted),
        retraction ? null : PublicText.of(revision.body, revision.redacted),
        retraction ? null : Json.stringList(revision.authors),
        UpdateRevision.CORRECTED.equals(revision.kind)
            ? PublicText.of(revision.note, revision.redacted)
            : UpdateRevision.REDACTED.equals(revision.kind)
                ? PublicText.of(revision.note, false)
                : null,
        revision.recordedAt);
  }
}
