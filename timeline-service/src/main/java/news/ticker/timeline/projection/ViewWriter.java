package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.projection.fold.Touched;
import news.ticker.timeline.projection.fold.ViewDiff;
import news.ticker.timeline.projection.fold.ViewFold;
import news.ticker.timeline.projection.fold.ViewRows;
import news.ticker.timeline.projection.fold.ViewState;
import news.ticker.timeline.readmodel.AnalysisKey;
import news.ticker.timeline.readmodel.AttachedAnalysis;
import news.ticker.timeline.readmodel.EntityRows;
import news.ticker.timeline.readmodel.RelatedArticle;
import news.ticker.timeline.readmodel.RelatedArticleKey;
import news.ticker.timeline.readmodel.StoryChange;
import news.ticker.timeline.readmodel.StoryKey;
import news.ticker.timeline.readmodel.StoryView;
import news.ticker.timeline.readmodel.UpdateKey;
import news.ticker.timeline.readmodel.UpdateView;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes one rendered change to the views of a generation through Hibernate, inside the caller's
 * transaction: the per-event path of held stories, admin actions and the rebuild. It loads the rows
 * the change may touch, lets {@link ViewFold} decide, and stores what changed; the batched live
 * path ({@link BatchProjector}) writes the same fold's results with multi-row statements.
 */
@ApplicationScoped
public class ViewWriter {

  /** Writes the change and its change-log row. */
  public Uni<Void> write(Mutiny.Session session, int generation, Change change) {
    UUID storyId = change.storyId();
    return session
        .find(StoryView.class, new StoryKey(generation, storyId))
        .chain(
            story -> {
              Touched touched = Touched.by(List.of(change));
              Set<UUID> updateIds = new LinkedHashSet<>(touched.updates());
              if (story != null && story.pinnedUpdateId != null) {
                updateIds.add(story.pinnedUpdateId);
              }
              Loaded loaded = new Loaded(story);
              Uni<Void> loads = Uni.createFrom().voidItem();
              for (UUID id : updateIds) {
                loads =
                    loads.chain(
                        () ->
                            session
                                .find(UpdateView.class, new UpdateKey(generation, storyId, id))
                                .invoke(row -> loaded.put(id, row))
                                .replaceWithVoid());
              }
              UUID articleId = touched.articles().stream().findFirst().orElse(null);
              if (articleId != null) {
                loads =
                    loads.chain(
                        () ->
                            session
                                .find(
                                    RelatedArticle.class,
                                    new RelatedArticleKey(generation, storyId, articleId))
                                .invoke(row -> loaded.related = row)
                                .replaceWithVoid());
              }
              UUID analysisId = touched.analyses().stream().findFirst().orElse(null);
              if (analysisId != null) {
                loads =
                    loads.chain(
                        () ->
                            session
                                .find(
                                    AttachedAnalysis.class,
                                    new AnalysisKey(generation, storyId, analysisId))
                                .invoke(row -> loaded.analysis = row)
                                .replaceWithVoid());
              }
              return loads.chain(
                  () -> store(session, generation, change, loaded, articleId, analysisId));
            });
  }

  private Uni<Void> store(
      Mutiny.Session session,
      int generation,
      Change change,
      Loaded loaded,
      UUID articleId,
      UUID analysisId) {
    ViewState before = loaded.state();
    ViewFold.Step step = PoisonRecordException.fromRecordData(() -> ViewFold.apply(before, change));
    ViewDiff diff = ViewDiff.between(before, step.state());
    List<Object> toPersist = new ArrayList<>();
    List<Object> toRemove = new ArrayList<>();
    if (diff.story() != null) {
      StoryView view = loaded.story;
      if (view == null) {
        view = new StoryView();
        view.generation = generation;
        toPersist.add(view);
      }
      EntityRows.copy(diff.story(), view);
    }
    for (ViewRows.UpdateRow row : diff.updates()) {
      UpdateView view = loaded.updates.get(row.updateId());
      if (view == null) {
        view = new UpdateView();
        view.generation = generation;
        view.storyId = change.storyId();
        toPersist.add(view);
      }
      EntityRows.copy(row, view);
    }
    for (ViewRows.RelatedRow row : diff.related()) {
      RelatedArticle view = loaded.related;
      if (view == null) {
        view = new RelatedArticle();
        view.generation = generation;
        view.storyId = change.storyId();
        toPersist.add(view);
      }
      EntityRows.copy(row, view);
    }
    if (!diff.unlinked().isEmpty() && loaded.related != null) {
      toRemove.add(loaded.related);
    }
    for (ViewRows.AnalysisRow row : diff.analyses()) {
      AttachedAnalysis view = loaded.analysis;
      if (view == null) {
        view = new AttachedAnalysis();
        view.generation = generation;
        view.storyId = change.storyId();
        toPersist.add(view);
      }
      EntityRows.copy(row, view);
    }
    if (!diff.detached().isEmpty() && loaded.analysis != null) {
      toRemove.add(loaded.analysis);
    }
    if (step.revision() != null) {
      toPersist.add(EntityRows.revision(generation, change.storyId(), step.revision()));
    }
    StoryChange row = new StoryChange();
    row.generation = generation;
    row.storyId = change.storyId();
    row.version = change.version();
    row.type = change.type();
    row.updateId = change.updateId();
    row.data = Json.text(change.data());
    row.keyEvent = step.keyEvent();
    row.keyId = change.keyId();
    row.recordedAt = change.recordedAt();
    toPersist.add(row);
    Uni<Void> removed =
        toRemove.isEmpty() ? Uni.createFrom().voidItem() : session.removeAll(toRemove.toArray());
    return removed.chain(() -> session.persistAll(toPersist.toArray()));
  }

  /** The rows one change may touch, as loaded. */
  private static final class Loaded {
    final StoryView story;
    final Map<UUID, UpdateView> updates = new HashMap<>();
    RelatedArticle related;
    AttachedAnalysis analysis;

    Loaded(StoryView story) {
      this.story = story;
    }

    void put(UUID id, UpdateView row) {
      if (row != null) {
        updates.put(id, row);
      }
    }

    ViewState state() {
      Map<UUID, ViewRows.UpdateRow> updateRows = new HashMap<>();
      updates.forEach((id, view) -> updateRows.put(id, EntityRows.row(view)));
      Map<UUID, ViewRows.RelatedRow> relatedRows = new HashMap<>();
      if (related != null) {
        relatedRows.put(related.articleId, EntityRows.row(related));
      }
      Map<UUID, ViewRows.AnalysisRow> analysisRows = new HashMap<>();
      if (analysis != null) {
        analysisRows.put(analysis.analysisId, EntityRows.row(analysis));
      }
      return ViewState.of(
          story == null ? null : EntityRows.row(story), updateRows, relatedRows, analysisRows);
    }
  }
}
