package news.ticker.timeline.feed;

import java.util.List;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.projection.fold.ViewRows;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RevisionRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;
import news.ticker.timeline.readmodel.AttachedAnalysis;
import news.ticker.timeline.readmodel.EntityRows;
import news.ticker.timeline.readmodel.UpdateRevision;
import news.ticker.timeline.readmodel.UpdateView;

/**
 * The public forms of the update rows, once: the feed renders the stored rows with it, and {@code
 * ?asOf=} renders the rows it folded from the change log ({@code story/StoryFold}).
 */
public final class UpdateRendering {

  private UpdateRendering() {}

  public static PublicUpdate of(UpdateView update, AttachedAnalysis anchored) {
    return of(EntityRows.row(update), anchored == null ? null : EntityRows.row(anchored));
  }

  /** An update row with the analysis anchored to it (or null). */
  public static PublicUpdate of(UpdateRow update, AnalysisRow anchored) {
    PublicUpdate.Correction correction =
        update.corrected()
            ? new PublicUpdate.Correction(
                PublicText.of(update.correctionNote(), update.redacted()), update.correctedAt())
            : null;
    PublicUpdate.AnalysisLink link =
        anchored == null
            ? null
            : new PublicUpdate.AnalysisLink(
                anchored.analysisId(),
                anchored.title(),
                anchored.standfirst(),
                anchored.readingTimeMinutes(),
                anchored.link(),
                redaction(anchored));
    return new PublicUpdate(
        update.updateId(),
        PublicText.of(update.headline(), update.redacted()),
        PublicText.of(update.body(), update.redacted()),
        update.authors(),
        update.keyEvent(),
        update.pinned(),
        update.retracted(),
        update.publishedAt(),
        update.lastRecordedAt(),
        correction,
        link,
        update.redactionReason() == null && update.redactedAt() == null
            ? null
            : new PublicUpdate.Redaction(update.redactionReason(), update.redactedAt()));
  }

  /** The public note of an analysis's redaction, or null. */
  public static PublicUpdate.Redaction redaction(AttachedAnalysis analysis) {
    return redaction(EntityRows.row(analysis));
  }

  /** The public note of an analysis's redaction, or null. */
  public static PublicUpdate.Redaction redaction(AnalysisRow analysis) {
    return analysis.redactedAt() == null && analysis.redactionReason() == null
        ? null
        : new PublicUpdate.Redaction(analysis.redactionReason(), analysis.redactedAt());
  }

  public static Revision of(UpdateRevision revision) {
    return of(EntityRows.row(revision));
  }

  /** One entry of an update's history. */
  public static Revision of(RevisionRow revision) {
    boolean retraction =
        ViewRows.RETRACTED.equals(revision.kind()) || ViewRows.REDACTED.equals(revision.kind());
    return new Revision(
        revision.version(),
        revision.kind(),
        retraction ? null : PublicText.of(revision.headline(), revision.redacted()),
        retraction ? null : PublicText.of(revision.body(), revision.redacted()),
        retraction ? null : (revision.authors() == null ? List.of() : revision.authors()),
        ViewRows.CORRECTED.equals(revision.kind())
            ? PublicText.of(revision.note(), revision.redacted())
            : ViewRows.REDACTED.equals(revision.kind())
                ? PublicText.of(revision.note(), false)
                : null,
        revision.recordedAt());
  }
}
