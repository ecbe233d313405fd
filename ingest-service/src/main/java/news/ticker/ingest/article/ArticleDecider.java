package news.ticker.ingest.article;

import java.util.List;
import java.util.Objects;
import news.ticker.events.ArticleEvent;
import news.ticker.events.ArticleEvent.ArticlePublished;
import news.ticker.events.ArticleEvent.ArticleRevised;
import news.ticker.ingest.article.ArticleCommand.PublishArticle;
import news.ticker.ingest.article.ArticleCommand.ReviseArticle;
import news.ticker.platform.problem.ProblemException;

/** The rules of an article stream as a pure function, like the story's decider. */
public final class ArticleDecider {

  private ArticleDecider() {}

  public static List<ArticleEvent> decide(ArticleCommand command, ArticleState state) {
    if (command instanceof PublishArticle c) {
      if (state.isPublished()) {
        throw ProblemException.conflict("article " + state.articleId() + " is already published");
      }
      return List.of(
          new ArticlePublished(
              state.articleId(),
              c.headline(),
              c.url(),
              c.standfirst(),
              c.section(),
              c.publishedAt() != null ? c.publishedAt() : c.at(),
              c.actor(),
              c.at()));
    }
    if (command instanceof ReviseArticle c) {
      requirePublished(state);
      ArticleRevised revised =
          new ArticleRevised(
              state.articleId(),
              c.headline().applyTo(state.headline()),
              c.url().applyTo(state.url()),
              c.standfirst().applyTo(state.standfirst()),
              c.section().applyTo(state.section()),
              c.publishedAt().applyTo(state.publishedAt()),
              c.actor(),
              c.at());
      if (Objects.equals(revised.headline(), state.headline())
          && Objects.equals(revised.url(), state.url())
          && Objects.equals(revised.standfirst(), state.standfirst())
          && Objects.equals(revised.section(), state.section())
          && Objects.equals(revised.publishedAt(), state.publishedAt())) {
        return List.of();
      }
      return List.of(revised);
    }
    throw new IllegalArgumentException("no rule for " + command.getClass().getSimpleName());
  }

  public static ArticleState evolve(ArticleState state, ArticleEvent event) {
    long version = state.version() + 1;
    if (event instanceof ArticlePublished e) {
      return new ArticleState(
          state.articleId(),
          version,
          e.headline(),
          e.url(),
          e.standfirst(),
          e.section(),
          e.publishedAt());
    }
    if (event instanceof ArticleRevised e) {
      return new ArticleState(
          state.articleId(),
          version,
          e.headline(),
          e.url(),
          e.standfirst(),
          e.section(),
          e.publishedAt());
    }
    throw new IllegalArgumentException("unknown article event " + event.getClass().getSimpleName());
  }

  public static ArticleState fold(ArticleState state, List<? extends ArticleEvent> events) {
    ArticleState folded = state;
    for (ArticleEvent event : events) {
      folded = evolve(folded, event);
    }
    return folded;
  }

  /**
   * @throws ProblemException 404 when the article was never published
   */
  public static void requirePublished(ArticleState state) {
    if (!state.isPublished()) {
      throw ProblemException.notFound("article", state.articleId());
    }
  }
}
