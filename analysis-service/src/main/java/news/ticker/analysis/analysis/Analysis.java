package news.ticker.analysis.analysis;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import news.ticker.analysis.UuidEntity;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.analysis.content.ContentColumns;
import news.ticker.events.Ids;

/** The current state of an analysis. Changed only through {@link AnalysisDecider}'s decisions. */
@Entity
@Table(name = "analysis")
public class Analysis extends UuidEntity {

  @Column(name = "story_id", nullable = false, updatable = false)
  public UUID storyId;

  @Column(name = "anchor_update_id", updatable = false)
  public UUID anchorUpdateId;

  @Embedded public ContentColumns content;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  public AnalysisStatus status;

  @Column(name = "version", nullable = false)
  public long version;

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
    content = content.redacted();
    redactionReason = reason;
    redactedAt = now;
    stamp(newVersion, actor, now);
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

  AnalysisDecider.State state() {
    return new AnalysisDecider.State(
        id,
        storyId,
        anchorUpdateId,
        content.content(),
        status,
        version,
        redacted(),
        publishedAt != null);
  }

  /** Takes over a decided change; the caller records the revision and the event. */
  void apply(AnalysisDecider.Change change, String actor, Instant now) {
    content = ContentColumns.of(change.content());
    if (change.status() == AnalysisStatus.PUBLISHED && status != AnalysisStatus.PUBLISHED) {
      publishedAt = now;
    }
    if (change.status() == AnalysisStatus.WITHDRAWN && status != AnalysisStatus.WITHDRAWN) {
      withdrawnAt = now;
    }
    status = change.status();
    stamp(change.version(), actor, now);
  }

  /** What every change records: the version it makes, and who made it when. */
  private void stamp(long newVersion, String actor, Instant now) {
    version = newVersion;
    updatedAt = now;
    updatedBy = actor;
  }
}
