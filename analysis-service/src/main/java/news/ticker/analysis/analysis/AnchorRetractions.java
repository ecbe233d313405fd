package news.ticker.analysis.analysis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import news.ticker.analysis.story.AnchorRetractionListener;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Marks the analyses anchored at a retracted update, in the projection's transaction. They stay on
 * their story and keep their version: the flag describes the story, not an edit of the analysis, so
 * an analyst's {@code If-Match} stays valid and nothing is announced.
 */
@ApplicationScoped
public class AnchorRetractions implements AnchorRetractionListener {

  @Override
  public Uni<Void> updateRetracted(Mutiny.Session session, UUID updateId) {
    return session
        .createNativeQuery(
            "update analysis set anchor_retracted = true"
                + " where anchor_update_id = ?1 and not anchor_retracted")
        .setParameter(1, updateId)
        .executeUpdate()
        .replaceWithVoid();
  }
}
