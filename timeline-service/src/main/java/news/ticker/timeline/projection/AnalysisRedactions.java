package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Analyses an admin redacted: their title and standfirst leave every generation of the views and
 * the change log, and stay out of every replay ({@code redacted_analysis} is not generational, like
 * {@code destroyed_key}). Analysis metadata travels in clear, so this is the timeline's own memory
 * of the redaction, not a destroyed key.
 */
@ApplicationScoped
public class AnalysisRedactions {

  /** Remembers the redaction and blanks what this database holds of the analysis's texts. */
  public Uni<Void> redact(Mutiny.Session session, UUID analysisId, String reason, Instant at) {
    String id = analysisId.toString();
    return session
        .createNativeQuery(
            "insert into redacted_analysis (analysis_id, reason, redacted_at)"
                + " values (:id, :reason, :at) on conflict do nothing")
        .setParameter("id", id)
        .setParameter("reason", reason)
        .setParameter("at", at)
        .executeUpdate()
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "update attached_analysis set title = null, standfirst = null,"
                            + " redaction_reason = :reason, redacted_at = :at"
                            + " where analysis_id = :analysisId")
                    .setParameter("reason", reason)
                    .setParameter("at", at)
                    .setParameter("analysisId", analysisId)
                    .executeUpdate())
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "update story_change set data = (select jsonb_object_agg(field, case when"
                            + " field in ('title', 'standfirst') and value <> cast('null' as jsonb)"
                            + " then cast('{\"redacted\": true}' as jsonb) else value end)"
                            + " from jsonb_each(data) as entry(field, value))"
                            + " where type = 'analysis-attached' and data ->> 'analysisId' = :id")
                    .setParameter("id", id)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Whether the analysis was redacted. */
  public Uni<Boolean> isRedacted(Mutiny.Session session, UUID analysisId) {
    return session
        .createNativeQuery(
            "select count(*) from redacted_analysis where analysis_id = :id", Long.class)
        .setParameter("id", analysisId.toString())
        .getSingleResult()
        .map(count -> count > 0);
  }
}
