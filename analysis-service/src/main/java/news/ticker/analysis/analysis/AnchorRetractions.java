package news.ticker.analysis.analysis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import news.ticker.analysis.story.AnchorRetractionListener;

/**
 * Marks the analyses anchored at a retracted update, in the projection's transaction. They stay on
 * their story and keep their version: the flag describes the story, not an edit of the analysis, so
 * an analyst's {@code If-Match} stays valid and nothing is announced.
 */
@ApplicationScoped
public class AnchorRetractions implements AnchorRetractionListener {

  @Override
  public Uni<Void> updatesRetracted(SqlConnection connection, List<UUID> updateIds) {
    return connection
        .preparedQuery(
            "update analysis set anchor_retracted = true"
                + " where anchor_update_id = any($1) and not anchor_retracted")
        .execute(Tuple.of(updateIds.toArray(UUID[]::new)))
        .replaceWithVoid();
  }
}
