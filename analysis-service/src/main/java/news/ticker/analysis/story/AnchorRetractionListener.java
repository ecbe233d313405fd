package news.ticker.analysis.story;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Told by the projection, inside the transaction that records it, that an update was retracted, so
 * whatever hangs off that update can follow in the same commit. Implemented by the analyses, which
 * keeps this package free of them.
 */
public interface AnchorRetractionListener {

  Uni<Void> updateRetracted(Mutiny.Session session, UUID updateId);
}
