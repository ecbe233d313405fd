package news.ticker.ingest.related;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import news.ticker.ingest.article.ArticleDecider;
import news.ticker.ingest.article.ArticleStreams;
import news.ticker.ingest.story.PreparedCommand;
import news.ticker.ingest.story.StoryChange;
import news.ticker.ingest.story.StoryCommand;
import news.ticker.ingest.story.StoryWrites;
import news.ticker.ingest.write.Answer;
import news.ticker.ingest.write.Clock;
import news.ticker.ingest.write.WriteResult;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.problem.Rejections;

/**
 * Links articles to stories ("READ: …"). The link carries a snapshot of the article as it is now;
 * linking again after the article was revised refreshes it.
 */
@ApplicationScoped
public class RelatedArticleService {

  @Inject StoryWrites storyWrites;
  @Inject ArticleStreams articles;

  public Uni<Response> link(UUID storyId, UUID articleId, WriteContext context) {
    Instant now = Clock.now();
    return storyWrites.execute(
        storyId,
        context,
        null,
        (session, story) ->
            articles
                .load(session, articleId)
                .map(
                    article -> {
                      Rejections.throwIfAny(ArticleDecider.refuseUnlessPublished(article));
                      return PreparedCommand.of(
                          new StoryCommand.LinkRelatedArticle(
                              articleId,
                              article.headline(),
                              article.url(),
                              article.standfirst(),
                              context.actor(),
                              now));
                    }),
        change -> answer(storyId, articleId, change));
  }

  public Uni<Response> unlink(UUID storyId, UUID articleId, WriteContext context) {
    return storyWrites.execute(
        storyId,
        context,
        null,
        new StoryCommand.UnlinkRelatedArticle(articleId, context.actor(), Clock.now()),
        change -> answer(storyId, articleId, change));
  }

  private static Answer answer(UUID storyId, UUID articleId, StoryChange change) {
    return Answer.ok(
        new WriteResult(articleId, storyId, change.after().version(), change.changed()));
  }
}
