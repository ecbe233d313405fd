package news.ticker.analysis.revision;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import news.ticker.analysis.UuidEntity;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.analysis.content.ContentColumns;
import news.ticker.events.Ids;
import org.hibernate.annotations.Immutable;

/** One content revision of an analysis, kept forever: the creation and every change since. */
@Entity
@Immutable
@Table(name = "analysis_revision")
public class AnalysisRevision extends UuidEntity {

  @Column(name = "analysis_id", nullable = false)
  public UUID analysisId;

  /** The analysis version at which this content became current. */
  @Column(name = "version", nullable = false)
  public long version;

  @Embedded public ContentColumns content;

  @Column(name = "actor", nullable = false)
  public String actor;

  @Column(name = "revised_at", nullable = false)
  public Instant revisedAt;

  public static AnalysisRevision of(
      UUID analysisId, long version, AnalysisContent content, String actor, Instant at) {
    AnalysisRevision revision = new AnalysisRevision();
    revision.id = Ids.newId();
    revision.analysisId = analysisId;
    revision.version = version;
    revision.content = ContentColumns.of(content);
    revision.actor = actor;
    revision.revisedAt = at;
    return revision;
  }
}
