package news.ticker.timeline.story;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.ticker.timeline.feed.FeedReader;
import news.ticker.timeline.readmodel.ArticleSnapshot;
import news.ticker.timeline.readmodel.AttachedAnalysis;
import news.ticker.timeline.readmodel.EntityRows;
import news.ticker.timeline.readmodel.RelatedArticle;
import news.ticker.timeline.readmodel.StoryKey;
import news.ticker.timeline.readmodel.StoryProgress;
import news.ticker.timeline.readmodel.StoryQuery;
import news.ticker.timeline.readmodel.StoryView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads story headers and the story list from the current read model. */
@ApplicationScoped
public class StoryReader {

  @Inject FeedReader feed;

  /** A page of the story list, as {@code GET /api/v1/stories} writes it. */
  @Schema(name = "StoryPage", description = "A page of stories")
  public record StoryPage(
      List<StorySummary> items,
      @Schema(nullable = true, description = "The cursor of the next page, or null at the end")
          String next) {}

  /** The list filters; null means "any". */
  public record StoryFilter(String status, String section, String slug) {}

  public Uni<StoryView> view(Mutiny.Session session, int generation, UUID storyId) {
    return session.find(StoryView.class, new StoryKey(generation, storyId));
  }

  /** The full header of a story that exists. */
  public Uni<StoryHeader> header(Mutiny.Session session, int generation, StoryView story) {
    UUID storyId = story.storyId;
    HeaderParts parts = new HeaderParts();
    // One session runs one query at a time: the parts are read in sequence.
    return session
        .find(StoryProgress.class, new StoryKey(generation, storyId))
        .invoke(progress -> parts.degraded = progress != null && progress.held())
        .chain(() -> feed.pinned(session, generation, storyId, story.pinnedUpdateId))
        .invoke(pinned -> parts.pinned = pinned)
        .chain(() -> feed.keyEvents(session, generation, storyId))
        .invoke(
            keyEvents ->
                parts.keyEvents =
                    keyEvents.stream()
                        .map(u -> new StoryHeader.KeyEvent(u.id(), u.headline(), u.publishedAt()))
                        .toList())
        .chain(() -> related(session, generation, storyId))
        .invoke(related -> parts.related = related)
        .chain(() -> analyses(session, generation, storyId))
        .map(
            analyses ->
                StoryHeader.of(
                    summary(story),
                    parts.pinned,
                    parts.keyEvents,
                    parts.related,
                    analyses,
                    parts.degraded));
  }

  private static final class HeaderParts {
    boolean degraded;
    news.ticker.timeline.feed.PublicUpdate pinned;
    List<StoryHeader.KeyEvent> keyEvents;
    List<StoryHeader.RelatedArticleItem> related;
  }

  /**
   * Related articles in the order they were linked, each with the latest article snapshot if the
   * article stream has one (fresher than the link's).
   */
  private Uni<List<StoryHeader.RelatedArticleItem>> related(
      Mutiny.Session session, int generation, UUID storyId) {
    return StoryQuery.of(
            session, RelatedArticle.class, generation, storyId, " order by linkedVersion")
        .getResultList()
        .chain(
            links -> {
              if (links.isEmpty()) {
                return Uni.createFrom().item(List.<StoryHeader.RelatedArticleItem>of());
              }
              return session
                  .createSelectionQuery(
                      "from ArticleSnapshot where generation = :generation"
                          + " and articleId in :ids and articleVersion > 0",
                      ArticleSnapshot.class)
                  .setParameter("generation", generation)
                  .setParameter("ids", links.stream().map(l -> l.articleId).toList())
                  .getResultList()
                  .map(
                      snapshots -> {
                        Map<UUID, ArticleSnapshot> byId =
                            snapshots.stream()
                                .collect(Collectors.toMap(s -> s.articleId, Function.identity()));
                        return links.stream()
                            .map(
                                link -> {
                                  ArticleSnapshot fresh = byId.get(link.articleId);
                                  return fresh == null
                                      ? new StoryHeader.RelatedArticleItem(
                                          link.articleId, link.headline, link.url, link.standfirst)
                                      : new StoryHeader.RelatedArticleItem(
                                          link.articleId,
                                          fresh.headline,
                                          fresh.url,
                                          fresh.standfirst);
                                })
                            .toList();
                      });
            });
  }

  private Uni<List<StoryHeader.AnalysisItem>> analyses(
      Mutiny.Session session, int generation, UUID storyId) {
    return StoryQuery.of(
            session, AttachedAnalysis.class, generation, storyId, " order by attachedVersion")
        .getResultList()
        .map(
            rows ->
                rows.stream().map(a -> StoryHeader.AnalysisItem.of(EntityRows.row(a))).toList());
  }

  /** A page of stories: live first, then most recently updated, then id. */
  public Uni<StoryPage> list(
      Mutiny.Session session, int generation, StoryFilter filter, int limit, StoryCursor after) {
    StringBuilder hql = new StringBuilder("from StoryView s where s.generation = :generation");
    if (filter.status() != null) {
      hql.append(" and s.status = :status");
    }
    if (filter.section() != null) {
      hql.append(" and s.section = :section");
    }
    if (filter.slug() != null) {
      hql.append(" and s.slug = :slug");
    }
    String rank = "(case when s.status = 'live' then 0 else 1 end)";
    if (after != null) {
      hql.append(" and (")
          .append(rank)
          .append(" > :rank or (")
          .append(rank)
          .append(" = :rank and (s.updatedAt < :updatedAt or (s.updatedAt = :updatedAt")
          .append(" and s.storyId < :storyId))))");
    }
    hql.append(" order by ").append(rank).append(", s.updatedAt desc, s.storyId desc");
    Mutiny.SelectionQuery<StoryView> query =
        session
            .createSelectionQuery(hql.toString(), StoryView.class)
            .setParameter("generation", generation)
            .setMaxResults(limit + 1);
    if (filter.status() != null) {
      query.setParameter("status", filter.status());
    }
    if (filter.section() != null) {
      query.setParameter("section", filter.section());
    }
    if (filter.slug() != null) {
      query.setParameter("slug", filter.slug());
    }
    if (after != null) {
      query
          .setParameter("rank", after.closed() ? 1 : 0)
          .setParameter("updatedAt", after.updatedAt())
          .setParameter("storyId", after.storyId());
    }
    return query
        .getResultList()
        .map(
            rows -> {
              List<StoryView> page = rows.size() > limit ? rows.subList(0, limit) : rows;
              String next = null;
              if (rows.size() > limit) {
                StoryView last = page.get(page.size() - 1);
                next =
                    new StoryCursor(
                            !StatusNames.LIVE.equals(last.status), last.updatedAt, last.storyId)
                        .encode();
              }
              return new StoryPage(page.stream().map(StoryReader::summary).toList(), next);
            });
  }

  public static StorySummary summary(StoryView story) {
    return StorySummary.of(EntityRows.row(story));
  }
}
