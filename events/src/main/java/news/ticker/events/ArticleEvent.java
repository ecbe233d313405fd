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

  /** An article with its complete values, not a patch: published or revised. */
  sealed interface Described extends ArticleEvent permits ArticlePublished, ArticleRevised {
    String headline();

    String url();

    String standfirst();

    String section();

    Instant publishedAt();
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
      implements Described {}

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
      implements Described {}
}
