package news.ticker.timeline.projection.fold;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RelatedRow;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;

/**
 * What a writer must store after folding a batch: the rows that differ between the state it loaded
 * and the state the fold returned. Rows that were not loaded are not touched.
 *
 * @param story the header to upsert, or null when unchanged
 * @param updates the update rows to upsert
 * @param related the related articles to upsert
 * @param unlinked the related articles to delete
 * @param analyses the analysis cards to upsert
 * @param detached the analysis cards to delete
 */
public record ViewDiff(
    StoryRow story,
    List<UpdateRow> updates,
    List<RelatedRow> related,
    List<UUID> unlinked,
    List<AnalysisRow> analyses,
    List<UUID> detached) {

  /** The difference from {@code before} to {@code after}. */
  public static ViewDiff between(ViewState before, ViewState after) {
    StoryRow story =
        after.story() != null && !after.story().equals(before.story()) ? after.story() : null;
    List<UpdateRow> updates = new ArrayList<>();
    after
        .updates()
        .forEach(
            (id, row) -> {
              if (!row.equals(before.updates().get(id))) {
                updates.add(row);
              }
            });
    List<RelatedRow> related = new ArrayList<>();
    List<UUID> unlinked = new ArrayList<>();
    Set<UUID> articles = new HashSet<>(before.related().keySet());
    articles.addAll(after.related().keySet());
    for (UUID id : articles) {
      RelatedRow row = after.related().get(id);
      if (row == null) {
        unlinked.add(id);
      } else if (!row.equals(before.related().get(id))) {
        related.add(row);
      }
    }
    List<AnalysisRow> analyses = new ArrayList<>();
    List<UUID> detached = new ArrayList<>();
    Set<UUID> cards = new HashSet<>(before.analyses().keySet());
    cards.addAll(after.analyses().keySet());
    for (UUID id : cards) {
      AnalysisRow row = after.analyses().get(id);
      if (row == null) {
        detached.add(id);
      } else if (!row.equals(before.analyses().get(id))) {
        analyses.add(row);
      }
    }
    return new ViewDiff(story, updates, related, unlinked, analyses, detached);
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return story == null
        && updates.isEmpty()
        && related.isEmpty()
        && unlinked.isEmpty()
        && analyses.isEmpty()
        && detached.isEmpty();
  }
}
