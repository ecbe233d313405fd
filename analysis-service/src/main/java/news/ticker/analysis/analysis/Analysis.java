package news.ticker.analysis.analysis;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.analysis.content.ReadingMetrics;
import news.ticker.events.Ids;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The current state of an analysis. Changed only through {@link AnalysisDecider}'s decisions. */
@Entity
@Table(name = "analysis")
public class Analysis extends PanacheEntityBase {

  @Id
  @Column(name = "id")
  public UUID id;

  @Column(name = "story_id", nullable = false, updatable = false)
  public UUID storyId;

  @Column(name = "anchor_update_id", updatable = false)
  public UUID anchorUpdateId;

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

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  public AnalysisStatus status;

  @Column(name = "version", nullable = false)
  public long version;

  @Column(name = "word_count", nullable = false)
  public int wordCount;

  @Column(name = "reading_time_minutes", nullable = false)
  public int readingTimeMinutes;

  /** Written by the story projection (in SQL), never by a command. */
  @Column(name = "anchor_retracted", nullable = false)
  public boolean anchorRetracted;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** When it was last published; kept after a withdrawal. */
  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;

  /** The public note of an admin's redaction, or null. */
  @Column(name = "redaction_reason")
  public String redactionReason;

  /** When an admin redacted it (title, standfirst and body are then null for good), or null. */
  @Column(name = "redacted_at")
  public Instant redactedAt;

  boolean redacted() {
    return redactedAt != null;
  }

  /** Removes the texts for good; the caller blanks the revisions and announces it. */
  void redact(String reason, long newVersion, String actor, Instant now) {
    title = null;
    standfirst = null;
    body = null;
    redactionReason = reason;
    redactedAt = now;
    version = newVersion;
    updatedAt = now;
    updatedBy = actor;
  }

  /** A new draft at version 1: the creation is its first revision. */
  static Analysis newDraft(
      UUID storyId, UUID anchorUpdateId, AnalysisContent content, String actor, Instant now) {
    Analysis analysis = new Analysis();
    analysis.id = Ids.newId();
    analysis.storyId = storyId;
    analysis.anchorUpdateId = anchorUpdateId;
    analysis.status = AnalysisStatus.DRAFT;
    analysis.createdAt = now;
    analysis.createdBy = actor;
    analysis.apply(
        new AnalysisDecider.Change(AnalysisStatus.DRAFT, content, 1, true, Optional.empty()),
        actor,
        now);
    return analysis;
  }

  AnalysisContent content() {
    return new AnalysisContent(
        title,
        standfirst,
        body,
        authors,
        language,
        new ReadingMetrics(wordCount, readingTimeMinutes));
  }

  AnalysisDecider.State state() {
    return new AnalysisDecider.State(
        id, storyId, anchorUpdateId, content(), status, version, redacted(), publishedAt != null);
  }

  /** Takes over a decided change; the caller records the revision and the event. */
  void apply(AnalysisDecider.Change change, String actor, Instant now) {
    AnalysisContent content = change.content();
    title = content.title();
    standfirst = content.standfirst();
    body = content.body();
    authors = content.authors();
    language = content.language();
    wordCount = content.metrics().wordCount();
    readingTimeMinutes = content.metrics().readingTimeMinutes();
    if (change.status() == AnalysisStatus.PUBLISHED && status != AnalysisStatus.PUBLISHED) {
      publishedAt = now;
    }
    if (change.status() == AnalysisStatus.WITHDRAWN && status != AnalysisStatus.WITHDRAWN) {
      withdrawnAt = now;
    }
    status = change.status();
    version = change.version();
    updatedAt = now;
    updatedBy = actor;
  }
}
