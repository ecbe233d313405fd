package news.ticker.timeline.projection.fold;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicChange;

/**
 * The rows a run of changes may touch, besides the header and its pinned update: what a writer
 * loads before it folds them with {@link ViewFold}.
 *
 * @param updates the updates named by the changes
 * @param articles the related articles linked or unlinked
 * @param analyses the analyses attached, detached or redacted
 */
public record Touched(Set<UUID> updates, Set<UUID> articles, Set<UUID> analyses) {

  /** What {@code changes} touch. */
  public static Touched by(List<Change> changes) {
    Set<UUID> updates = new LinkedHashSet<>();
    Set<UUID> articles = new LinkedHashSet<>();
    Set<UUID> analyses = new LinkedHashSet<>();
    for (Change change : changes) {
      PublicChange body = change.body();
      if (body instanceof PublicChange.RelatedArticleLinked linked) {
        articles.add(linked.articleId());
      } else if (body instanceof PublicChange.RelatedArticleUnlinked unlinked) {
        articles.add(unlinked.articleId());
      } else if (body instanceof PublicChange.AnalysisAttached attached) {
        analyses.add(attached.analysisId());
      } else if (body instanceof PublicChange.AnalysisDetached detached) {
        analyses.add(detached.analysisId());
      } else if (body instanceof PublicChange.AnalysisAttachmentRedacted redacted) {
        analyses.add(redacted.analysisId());
      } else if (change.updateId() != null) {
        updates.add(change.updateId());
      }
    }
    return new Touched(Set.copyOf(updates), Set.copyOf(articles), Set.copyOf(analyses));
  }
}
