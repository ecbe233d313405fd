package news.ticker.ingest.story;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.write.Answer;
import news.ticker.ingest.write.WriteOutcome;
import news.ticker.ingest.write.Writes;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.problem.Rejections;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs one command on an existing story over HTTP, in one transaction: idempotency key, load,
 * {@code If-Match}, prepare, decide, append, response. An unknown story is a 404 before a stale
 * {@code If-Match} is a 412.
 */
@ApplicationScoped
public class StoryWrites {

  @Inject Writes writes;
  @Inject StoryStreams streams;
  @Inject StoryGroupCommit groupCommit;
  @Inject IngestConfig config;

  /**
   * @param request the request DTO, re-serialised as the canonical body of its idempotency key
   * @param prepare builds the command from the current state; it may read in the session (content
   *     keys, articles) and refuse with a problem
   * @param answer the HTTP answer for what the command did
   */
  public Uni<Response> execute(
      UUID storyId,
      WriteContext context,
      Object request,
      BiFunction<Mutiny.Session, StoryState, Uni<PreparedCommand>> prepare,
      Function<StoryChange, Answer> answer) {
    return writes.execute(
        context,
        writes.canonical(request),
        session ->
            streams
                .lockAndLoad(session, storyId)
                .invoke(
                    state -> {
                      Rejections.throwIfAny(StoryDecider.refuseUnlessOpened(state));
                      context.ifMatch().check(state.version());
                    })
                .chain(
                    state ->
                        prepare
                            .apply(session, state)
                            .chain(prepared -> streams.decideAndAppend(session, state, prepared)))
                .map(
                    change ->
                        new WriteOutcome(
                            answer.apply(change),
                            change.after().version(),
                            () -> streams.remember(change.after()))));
  }

  /** The same for a command that needs nothing but the request. */
  public Uni<Response> execute(
      UUID storyId,
      WriteContext context,
      Object request,
      StoryCommand command,
      Function<StoryChange, Answer> answer) {
    return execute(
        storyId,
        context,
        request,
        (session, state) -> Uni.createFrom().item(PreparedCommand.of(command)),
        answer);
  }

  /**
   * The same for a command whose preparation needs no database, decided in the next group commit
   * ({@link StoryGroupCommit}) when that is enabled: the hot path of posts, retractions, pins and
   * key events.
   */
  public Uni<Response> executeBatched(
      UUID storyId,
      WriteContext context,
      Object request,
      PreparedCommand prepared,
      Function<StoryChange, Answer> answer) {
    BiFunction<Mutiny.Session, StoryState, Uni<PreparedCommand>> same =
        (session, state) -> Uni.createFrom().item(prepared);
    if (!config.groupCommit().enabled()) {
      return execute(storyId, context, request, same, answer);
    }
    return groupCommit.submit(
        storyId,
        context,
        writes.canonical(request),
        prepared,
        answer,
        () -> execute(storyId, context, request, same, answer));
  }
}
