package news.ticker.ingest.article;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import news.ticker.events.ArticleEvent;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.eventstore.EventStore;
import news.ticker.ingest.eventstore.StreamType;
import news.ticker.platform.outbox.Outbox;
import news.ticker.platform.outbox.OutboxMessage;
import news.ticker.platform.problem.Rejections;
import org.hibernate.reactive.mutiny.Mutiny;

/** Article streams: short, so always folded from their first event. */
@ApplicationScoped
public class ArticleStreams {

  @Inject EventStore eventStore;
  @Inject Outbox outbox;
  @Inject IngestConfig config;

  /** The article's current state as of this transaction; version 0 if never published. */
  public Uni<ArticleState> load(Mutiny.Session session, UUID articleId) {
    return eventStore
        .load(session, articleId, 0, ArticleEvent.class)
        .map(events -> ArticleDecider.fold(ArticleState.initial(articleId), events));
  }

  /** Takes the article's write lock for the rest of the transaction, then loads it. */
  public Uni<ArticleState> lockAndLoad(Mutiny.Session session, UUID articleId) {
    return eventStore
        .lock(session, StreamType.ARTICLE, articleId, config.streamLockTimeout())
        .chain(() -> load(session, articleId));
  }

  /**
   * Decides the command on the state and appends the events with their outbox records.
   *
   * @return the state after the command
   * @throws news.ticker.platform.problem.ProblemException (as the Uni's failure) the answer to a
   *     rejected command, which rolls the transaction back
   */
  public Uni<ArticleState> decideAndAppend(
      Mutiny.Session session, ArticleState state, ArticleCommand command) {
    List<ArticleEvent> events;
    try {
      events = ArticleDecider.decide(command, state).eventsOrThrow(Rejections::problem);
    } catch (RuntimeException rejected) {
      return Uni.createFrom().failure(rejected);
    }
    if (events.isEmpty()) {
      return Uni.createFrom().item(state);
    }
    return eventStore
        .append(session, StreamType.ARTICLE, state.articleId(), state.version(), events)
        .chain(
            envelopes -> outbox.append(session, envelopes.stream().map(OutboxMessage::of).toList()))
        .map(ignored -> ArticleDecider.fold(state, events));
  }
}
