package news.ticker.timeline.readmodel;

import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A query of one story's rows in one generation of the read model, the scope every reader of a
 * story's views starts from.
 */
public final class StoryQuery {

  private StoryQuery() {}

  /**
   * {@code from <entity> where generation = :generation and storyId = :storyId} followed by {@code
   * rest} (more conditions, the order), with those two parameters set.
   */
  public static <T> Mutiny.SelectionQuery<T> of(
      Mutiny.Session session, Class<T> entity, int generation, UUID storyId, String rest) {
    return session
        .createSelectionQuery(
            "from "
                + entity.getSimpleName()
                + " where generation = :generation and storyId = :storyId"
                + rest,
            entity)
        .setParameter("generation", generation)
        .setParameter("storyId", storyId);
  }
}
