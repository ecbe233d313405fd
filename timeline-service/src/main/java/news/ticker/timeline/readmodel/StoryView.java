package news.ticker.timeline.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** The header of a story. */
@Entity
@Table(name = "story_view")
@IdClass(StoryKey.class)
public class StoryView extends PanacheEntityBase {
  public static final String LIVE = "live";
  public static final String CLOSED = "closed";

  @Id public int generation;
  @Id public UUID storyId;
  public String title;
  public String slug;
  public String section;
  public String language;
  public String summary;

  /** JSON array of strings. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(tags as text)", write = JsonColumn.WRITE)
  public String tags;

  public String canonicalUrl;
  public String status;
  public Instant coverageStartTime;
  public Instant coverageEndTime;
  public UUID pinnedUpdateId;
  public int updateCount;
  public long version;
  public Instant openedAt;
  public Instant updatedAt;

  /**
   * Bumped when what readers see of the story changes without a new version (a linked article is
   * revised, a content key is destroyed); part of the ETag of current reads. Only SQL updates bump
   * it, so a projection write holding an older copy of the row never sets it back.
   */
  @Column(insertable = false, updatable = false)
  public long representation;
}
