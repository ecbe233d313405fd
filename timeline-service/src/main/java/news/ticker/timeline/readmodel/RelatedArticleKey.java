package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class RelatedArticleKey implements Serializable {
  public int generation;
  public UUID storyId;
  public UUID articleId;

  public RelatedArticleKey() {}

  public RelatedArticleKey(int generation, UUID storyId, UUID articleId) {
    this.generation = generation;
    this.storyId = storyId;
    this.articleId = articleId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelatedArticleKey k
        && generation == k.generation
        && Objects.equals(storyId, k.storyId)
        && Objects.equals(articleId, k.articleId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, storyId, articleId);
  }
}
