package news.ticker.ingest.article;

import java.time.Instant;
import news.ticker.ingest.write.Patch;

/** Commands to an article, validated and cleaned by the caller. */
public sealed interface ArticleCommand {

  String actor();

  Instant at();

  /**
   * @param publishedAt when the article appeared; null means now ({@code at})
   */
  record PublishArticle(
      String headline,
      String url,
      String standfirst,
      String section,
      Instant publishedAt,
      String actor,
      Instant at)
      implements ArticleCommand {}

  /** Changes the fields that are present; the others keep their value. */
  record ReviseArticle(
      Patch<String> headline,
      Patch<String> url,
      Patch<String> standfirst,
      Patch<String> section,
      Patch<Instant> publishedAt,
      String actor,
      Instant at)
      implements ArticleCommand {}
}
