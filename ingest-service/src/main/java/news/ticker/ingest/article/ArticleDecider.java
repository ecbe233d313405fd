package news.ticker.ingest.article;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import news.ticker.events.ArticleEvent;
import news.ticker.events.ArticleEvent.ArticlePublished;
import news.ticker.events.ArticleEvent.ArticleRevised;
import news.ticker.ingest.article.ArticleCommand.PublishArticle;
import news.ticker.ingest.article.ArticleCommand.ReviseArticle;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.NotFound;

/**
 * The rules of an article stream as a pure function, like the story's decider: a {@link Decision}
 * of events or a typed {@link Rejection}, never an HTTP answer.
 */
public final class ArticleDecider {

  private ArticleDecider() {}

  public static Decision<ArticleEvent> decide(ArticleCommand command, ArticleState state) {
    if (command instanceof PublishArticle c) {
      if (state.isPublished()) {
        return Decision.reject(
            new Conflict("article " + state.articleId() + " is already published"));
      }
      return Decision.accept(
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
      Optional<Rejection> unpublished = refuseUnlessPublished(state);
      if (unpublished.isPresent()) {
        return Decision.reject(unpublished.get());
      }
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
        return Decision.nothing();
      }
      return Decision.accept(revised);
    }
    throw new IllegalArgumentException("no rule for " + command.getClass().getSimpleName());
  }

  public static ArticleState evolve(ArticleState state, ArticleEvent event) {
    long version = state.version() + 1;
    if (event instanceof ArticleEvent.Described e) {
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

  /** A {@link NotFound} when the article was never published. */
  public static Optional<Rejection> refuseUnlessPublished(ArticleState state) {
    return state.isPublished()
        ? Optional.empty()
        : Optional.of(new NotFound("article", state.articleId()));
  }
}
