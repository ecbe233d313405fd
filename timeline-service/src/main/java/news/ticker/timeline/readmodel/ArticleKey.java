package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class ArticleKey implements Serializable {
  public int generation;
  public UUID articleId;

  public ArticleKey() {}

  public ArticleKey(int generation, UUID articleId) {
    this.generation = generation;
    this.articleId = articleId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArticleKey k
        && generation == k.generation
        && Objects.equals(articleId, k.articleId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, articleId);
  }
}
