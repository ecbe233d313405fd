package news.ticker.timeline.readmodel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.Change;
import org.hibernate.annotations.ColumnTransformer;

/** One row of a story's change log. */
@Entity
@Table(name = "story_change")
@IdClass(StoryVersionKey.class)
public class StoryChange extends PanacheEntityBase {
  @Id public int generation;
  @Id public UUID storyId;
  @Id public long version;
  public String type;
  public UUID updateId;

  /** The public change data (JSON object). */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(data as text)", write = JsonColumn.WRITE)
  public String data;

  public boolean keyEvent;
  public String keyId;
  public Instant recordedAt;

  public ObjectNode dataTree() {
    return Json.objectTree(data);
  }

  /** The public JSON: an item of /changes and the data of an SSE frame. */
  public ObjectNode toJson() {
    return Change.toJson(version, type, updateId, recordedAt, dataTree());
  }
}
