package news.ticker.timeline.projection.fold;

import java.util.Map;
import java.util.UUID;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RelatedRow;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * What {@link ViewFold} knows of one story: its header (null before {@code story-opened}) and the
 * rows it may touch, keyed by id. The live projection loads only the rows a batch touches (and the
 * pinned update); a row that is not in a map does not exist. Persistent maps, so a change costs no
 * copy of a long story.
 */
public record ViewState(
    StoryRow story,
    PMap<UUID, UpdateRow> updates,
    PMap<UUID, RelatedRow> related,
    PMap<UUID, AnalysisRow> analyses) {

  /** A story that has not begun. */
  public static final ViewState EMPTY =
      new ViewState(null, HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());

  /** A state of loaded rows. */
  public static ViewState of(
      StoryRow story,
      Map<UUID, UpdateRow> updates,
      Map<UUID, RelatedRow> related,
      Map<UUID, AnalysisRow> analyses) {
    return new ViewState(
        story, HashTreePMap.from(updates), HashTreePMap.from(related), HashTreePMap.from(analyses));
  }

  ViewState withStory(StoryRow row) {
    return new ViewState(row, updates, related, analyses);
  }

  ViewState withUpdate(UpdateRow row) {
    return new ViewState(story, updates.plus(row.updateId(), row), related, analyses);
  }

  ViewState withRelated(UUID articleId, RelatedRow row) {
    return new ViewState(
        story,
        updates,
        row == null ? related.minus(articleId) : related.plus(articleId, row),
        analyses);
  }

  ViewState withAnalysis(UUID analysisId, AnalysisRow row) {
    return new ViewState(
        story,
        updates,
        related,
        row == null ? analyses.minus(analysisId) : analyses.plus(analysisId, row));
  }
}
