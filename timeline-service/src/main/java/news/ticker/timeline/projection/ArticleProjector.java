package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import news.ticker.events.ArticleEvent;
import news.ticker.timeline.readmodel.ArticleKey;
import news.ticker.timeline.readmodel.ArticleSnapshot;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps the latest snapshot of every article (highest stream version wins, so redelivery and
 * replays change nothing). Related articles are shown with it, so a revised headline reaches every
 * story linking the article.
 */
@ApplicationScoped
public class ArticleProjector {

  public Uni<Void> project(
      Mutiny.Session session, int generation, ArticleEvent event, long version, Instant at) {
    if (!(event instanceof ArticleEvent.Described values)) {
      return Uni.createFrom().voidItem();
    }
    return session
        .createNativeQuery(
            "insert into article_snapshot (generation, article_id, article_version, recorded_at)"
                + " values (:generation, :articleId, 0, :at) on conflict do nothing")
        .setParameter("generation", generation)
        .setParameter("articleId", event.articleId())
        .setParameter("at", at)
        .executeUpdate()
        .chain(
            () ->
                session.find(
                    ArticleSnapshot.class,
                    new ArticleKey(generation, event.articleId()),
                    LockMode.PESSIMISTIC_WRITE))
        .chain(
            snapshot -> {
              if (version <= snapshot.articleVersion) {
                return Uni.createFrom().voidItem();
              }
              snapshot.headline = values.headline();
              snapshot.url = values.url();
              snapshot.standfirst = values.standfirst();
              snapshot.section = values.section();
              snapshot.publishedAt = values.publishedAt();
              snapshot.articleVersion = version;
              snapshot.recordedAt = at;
              return linkingStoriesChanged(session, generation, event.articleId());
            });
  }

  /** The stories showing the article look different now: their cached reads are stale. */
  private static Uni<Void> linkingStoriesChanged(
      Mutiny.Session session, int generation, UUID articleId) {
    return session
        .createNativeQuery(
            "update story_view s set representation = s.representation + 1"
                + " from related_article r where r.generation = :generation"
                + " and r.article_id = :articleId and s.generation = r.generation"
                + " and s.story_id = r.story_id")
        .setParameter("generation", generation)
        .setParameter("articleId", articleId)
        .executeUpdate()
        .replaceWithVoid();
  }
}
