package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A related article of a story, with the snapshot the link carried. */
@Entity
@Table(name = "related_article")
@IdClass(RelatedArticleKey.class)
public class RelatedArticle extends PanacheEntityBase {
  @Id public int generation;
  @Id public UUID storyId;
  @Id public UUID articleId;
  public String headline;
  public String url;
  public String standfirst;
  public long linkedVersion;
  public Instant linkedAt;
}
