package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The latest state of an article from the article stream. Related articles show it instead of the
 * link's snapshot, so a revised headline reaches every story that links the article.
 */
@Entity
@Table(name = "article_snapshot")
@IdClass(ArticleKey.class)
public class ArticleSnapshot extends PanacheEntityBase {
  @Id public int generation;
  @Id public UUID articleId;
  public String headline;
  public String url;
  public String standfirst;
  public String section;
  public Instant publishedAt;
  public long articleVersion;
  public Instant recordedAt;
}
