package news.ticker.ingest.analysis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How far each analysis stream was applied. A concurrent advance of the same analysis (two replicas
 * during a rebalance) waits for the other transaction and then sees its watermark.
 */
@ApplicationScoped
public class AnalysisWatermarks {

  /**
   * Advances the analysis' watermark to {@code version} in the session's transaction.
   *
   * @return false when that version (or a later one) was applied before
   */
  public Uni<Boolean> advance(Mutiny.Session session, UUID analysisId, long version) {
    return session
        .createNativeQuery(
            "insert into analysis_watermarks (analysis_id, version) values (?1, ?2)"
                + " on conflict (analysis_id) do update"
                + " set version = excluded.version, applied_at = now()"
                + " where analysis_watermarks.version < excluded.version")
        .setParameter(1, analysisId)
        .setParameter(2, version)
        .executeUpdate()
        .map(advanced -> advanced == 1);
  }
}
