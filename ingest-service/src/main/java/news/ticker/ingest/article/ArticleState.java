package news.ticker.ingest.article;

import java.time.Instant;
import java.util.UUID;

/** An article as its events left it; {@code version} 0 means it was never published. */
public record ArticleState(
    UUID articleId,
    long version,
    String headline,
    String url,
    String standfirst,
    String section,
    Instant publishedAt) {

  public static ArticleState initial(UUID articleId) {
    return new ArticleState(articleId, 0, null, null, null, null, null);
  }

  public boolean isPublished() {
    return version > 0;
  }
}
