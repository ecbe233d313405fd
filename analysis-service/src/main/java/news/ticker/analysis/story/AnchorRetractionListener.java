package news.ticker.analysis.story;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;

/**
 * Told by the projection, inside the transaction that records it, that updates were retracted, so
 * whatever hangs off them can follow in the same commit. Implemented by the analyses, which keeps
 * this package free of them.
 */
public interface AnchorRetractionListener {

  Uni<Void> updatesRetracted(SqlConnection connection, List<UUID> updateIds);
}
