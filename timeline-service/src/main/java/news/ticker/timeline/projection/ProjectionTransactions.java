package news.ticker.timeline.projection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import news.ticker.events.ArticleEvent;
import news.ticker.events.ContentKey;
import news.ticker.events.EventEnvelope;
import news.ticker.timeline.contentkey.KeyStore;
import news.ticker.timeline.readmodel.DeadLetterRow;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.readmodel.StoryProgress;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The transactions of the projection. Each runs in one Hibernate Reactive transaction on the
 * caller's Vert.x context; the active generation is share-locked first, so a rebuild's switch
 * happens between transactions, never inside one.
 */
@ApplicationScoped
public class ProjectionTransactions {

  @Inject Generations generations;
  @Inject StoryProjector stories;
  @Inject ArticleProjector articles;
  @Inject KeyStore keys;

  /** An outcome and the generation it happened in. */
  public record InGeneration(int generation, StoryProjector.Outcome outcome) {}

  @WithTransaction
  public Uni<InGeneration> projectStoryEvent(EventEnvelope envelope, RawEvent raw) {
    return inActiveGeneration(
        (session, generation) ->
            stories
                .project(session, generation, envelope, raw)
                .map(outcome -> new InGeneration(generation, outcome)));
  }

  @WithTransaction
  public Uni<InGeneration> retryStory(int generation, UUID storyId) {
    return adminAction(generation, session -> stories.retry(session, generation, storyId));
  }

  @WithTransaction
  public Uni<InGeneration> skipStoryGap(int generation, UUID storyId) {
    return adminAction(generation, session -> stories.skip(session, generation, storyId));
  }

  /**
   * An admin's action on a held story of {@code generation}, under the share lock of the active
   * generation (so a switch waits for it), in the caller's transaction.
   */
  private Uni<InGeneration> adminAction(
      int generation, Function<Mutiny.Session, Uni<StoryProjector.Outcome>> action) {
    return Panache.getSession()
        .chain(
            session ->
                generations
                    .lockActive(session)
                    .chain(() -> action.apply(session))
                    .map(outcome -> new InGeneration(generation, outcome)));
  }

  @WithTransaction
  public Uni<Void> projectArticleEvent(EventEnvelope envelope) {
    return inActiveGeneration(
        (session, generation) ->
            articles.project(
                session,
                generation,
                (ArticleEvent) envelope.data(),
                envelope.streamVersion(),
                envelope.time()));
  }

  /**
   * The work in the active generation, under its share lock (so a switch waits for it), in the
   * caller's transaction.
   */
  private <T> Uni<T> inActiveGeneration(BiFunction<Mutiny.Session, Integer, Uni<T>> work) {
    return Panache.getSession()
        .chain(
            session ->
                generations
                    .lockActive(session)
                    .chain(generation -> work.apply(session, generation)));
  }

  /** Stores a key; answers the held stories (any generation) that waited for it. */
  @WithTransaction
  public Uni<java.util.List<StoryProgress>> storeKey(ContentKey key) {
    return Panache.getSession()
        .chain(
            session ->
                keys.store(session, key).chain(() -> keys.storiesWaitingFor(session, key.keyId())));
  }

  @WithTransaction
  public Uni<Void> destroyKey(String keyId) {
    return Panache.getSession().chain(session -> keys.destroy(session, keyId));
  }

  @WithTransaction
  public Uni<Void> recordDeadLetter(
      String topic, int partition, long offset, String key, String reason, String detail) {
    DeadLetterRow row = new DeadLetterRow();
    row.topic = topic;
    row.partitionNo = partition;
    row.recordOffset = offset;
    row.recordKey = key;
    row.reason = reason;
    row.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    row.deadLetteredAt = Instant.now();
    return Panache.getSession().chain(session -> session.persist(row));
  }
}
