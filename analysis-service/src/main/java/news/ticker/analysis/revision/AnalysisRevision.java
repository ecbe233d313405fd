package news.ticker.analysis.revision;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.events.Ids;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One content revision of an analysis, kept forever: the creation and every change since. */
@Entity
@Immutable
@Table(name = "analysis_revision")
public class AnalysisRevision extends PanacheEntityBase {

  @Id
  @Column(name = "id")
  public UUID id;

  @Column(name = "analysis_id", nullable = false)
  public UUID analysisId;

  /** The analysis version at which this content became current. */
  @Column(name = "version", nullable = false)
  public long version;

  @Column(name = "title")
  public String title;

  @Column(name = "standfirst")
  public String standfirst;

  @Column(name = "body")
  public String body;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "authors", nullable = false)
  public List<String> authors;

  @Column(name = "language", nullable = false)
  public String language;

  @Column(name = "word_count", nullable = false)
  public int wordCount;

  @Column(name = "reading_time_minutes", nullable = false)
  public int readingTimeMinutes;

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
    revision.title = content.title();
    revision.standfirst = content.standfirst();
    revision.body = content.body();
    revision.authors = content.authors();
    revision.language = content.language();
    revision.wordCount = content.metrics().wordCount();
    revision.readingTimeMinutes = content.metrics().readingTimeMinutes();
    revision.actor = actor;
    revision.revisedAt = at;
    return revision;
  }
}
