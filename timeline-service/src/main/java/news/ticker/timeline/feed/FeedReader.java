package news.ticker.timeline.feed;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.ticker.timeline.readmodel.AttachedAnalysis;
import news.ticker.timeline.readmodel.StoryQuery;
import news.ticker.timeline.readmodel.UpdateKey;
import news.ticker.timeline.readmodel.UpdateRevision;
import news.ticker.timeline.readmodel.UpdateView;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads feed pages and single updates from the current read model. */
@ApplicationScoped
public class FeedReader {

  /** A page in feed order (publishedAt desc, id desc), retracted updates left out. */
  public Uni<FeedPage> page(
      Mutiny.Session session, int generation, UUID storyId, int limit, FeedCursor before) {
    String keyset =
        before == null ? "" : " and (publishedAt < :at or (publishedAt = :at and updateId < :id))";
    Mutiny.SelectionQuery<UpdateView> query =
        StoryQuery.of(
                session,
                UpdateView.class,
                generation,
                storyId,
                " and retracted = false" + keyset + " order by publishedAt desc, updateId desc")
            .setMaxResults(limit + 1);
    if (before != null) {
      query.setParameter("at", before.publishedAt()).setParameter("id", before.updateId());
    }
    return query
        .getResultList()
        .chain(
            rows -> {
              List<UpdateView> page = rows.size() > limit ? rows.subList(0, limit) : rows;
              String next =
                  rows.size() > limit
                      ? new FeedCursor(
                              page.get(page.size() - 1).publishedAt,
                              page.get(page.size() - 1).updateId)
                          .encode()
                      : null;
              return withAnalyses(session, generation, storyId, page)
                  .map(items -> new FeedPage(items, next));
            });
  }

  /** Key events of the feed, newest first. */
  public Uni<List<PublicUpdate>> keyEvents(Mutiny.Session session, int generation, UUID storyId) {
    return StoryQuery.of(
            session,
            UpdateView.class,
            generation,
            storyId,
            " and retracted = false and keyEvent = true"
                + " order by publishedAt desc, updateId desc")
        .getResultList()
        .map(rows -> rows.stream().map(u -> UpdateRendering.of(u, null)).toList());
  }

  /** The newest {@code limit} updates of the feed, for the JSON-LD rendering. */
  public Uni<List<PublicUpdate>> latest(
      Mutiny.Session session, int generation, UUID storyId, int limit) {
    return page(session, generation, storyId, limit, null).map(FeedPage::items);
  }

  /** One update (retracted or not) with its history. */
  public Uni<Optional<UpdateWithHistory>> update(
      Mutiny.Session session, int generation, UUID storyId, UUID updateId) {
    return session
        .find(UpdateView.class, new UpdateKey(generation, storyId, updateId))
        .chain(
            update -> {
              if (update == null) {
                return Uni.createFrom().item(Optional.<UpdateWithHistory>empty());
              }
              return withAnalyses(session, generation, storyId, List.of(update))
                  .chain(
                      rendered ->
                          StoryQuery.of(
                                  session,
                                  UpdateRevision.class,
                                  generation,
                                  storyId,
                                  " and updateId = :updateId order by version")
                              .setParameter("updateId", updateId)
                              .getResultList()
                              .map(
                                  revisions ->
                                      Optional.of(
                                          new UpdateWithHistory(
                                              rendered.get(0),
                                              revisions.stream()
                                                  .map(UpdateRendering::of)
                                                  .toList()))));
            });
  }

  /** The pinned update, if it is in the feed. */
  public Uni<PublicUpdate> pinned(
      Mutiny.Session session, int generation, UUID storyId, UUID pinnedUpdateId) {
    if (pinnedUpdateId == null) {
      return Uni.createFrom().nullItem();
    }
    return session
        .find(UpdateView.class, new UpdateKey(generation, storyId, pinnedUpdateId))
        .chain(
            update ->
                update == null || update.retracted
                    ? Uni.createFrom().<PublicUpdate>nullItem()
                    : withAnalyses(session, generation, storyId, List.of(update))
                        .map(list -> list.get(0)));
  }

  /** Renders updates with the analysis anchored at each (the most recently attached one). */
  private Uni<List<PublicUpdate>> withAnalyses(
      Mutiny.Session session, int generation, UUID storyId, List<UpdateView> updates) {
    if (updates.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> ids = updates.stream().map(u -> u.updateId).toList();
    return StoryQuery.of(
            session,
            AttachedAnalysis.class,
            generation,
            storyId,
            " and anchorUpdateId in :ids order by attachedVersion")
        .setParameter("ids", ids)
        .getResultList()
        .map(
            analyses -> {
              Map<UUID, AttachedAnalysis> byUpdate = new HashMap<>();
              analyses.forEach(a -> byUpdate.put(a.anchorUpdateId, a)); // latest attached wins
              List<PublicUpdate> rendered = new ArrayList<>(updates.size());
              for (UpdateView update : updates) {
                rendered.add(UpdateRendering.of(update, byUpdate.get(update.updateId)));
              }
              return rendered;
            });
  }
}
