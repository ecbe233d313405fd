package news.ticker.events;

import java.time.Instant;
import java.util.UUID;

/** Articles that stories link to ({@link Topics#ARTICLE_EVENTS}, key: article id). */
public sealed interface ArticleEvent extends Event {

  UUID articleId();

  @Override
  default UUID streamId() {
    return articleId();
  }

  record ArticlePublished(
      UUID articleId,
      String headline,
      String url,
      String standfirst,
      String section,
      Instant publishedAt,
      String actor,
      Instant occurredAt)
      implements ArticleEvent {}

  /** Carries the complete new values, not a patch. */
  record ArticleRevised(
      UUID articleId,
      String headline,
      String url,
      String standfirst,
      String section,
      Instant publishedAt,
      String actor,
      Instant occurredAt)
      implements ArticleEvent {}
}
