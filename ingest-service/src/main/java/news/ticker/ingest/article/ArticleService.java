package news.ticker.ingest.article;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import news.ticker.events.Ids;
import news.ticker.ingest.write.Answer;
import news.ticker.ingest.write.Clock;
import news.ticker.ingest.write.Patch;
import news.ticker.ingest.write.RequestChecks;
import news.ticker.ingest.write.WriteOutcome;
import news.ticker.ingest.write.WriteResult;
import news.ticker.ingest.write.Writes;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.Rejections;

/** Publishes and revises articles. */
@ApplicationScoped
public class ArticleService {

  private static final Runnable NOTHING_CACHED = () -> {};

  @Inject Writes writes;
  @Inject ArticleStreams articles;

  public Uni<Response> publish(WriteContext context, PublishArticleRequest request) {
    ProblemException.requireBody(request, "a JSON body with headline and url is required");
    RequestChecks checks = new RequestChecks();
    String headline =
        checks.requiredText("headline", request.headline(), RequestChecks.MAX_HEADLINE);
    String url = checks.httpUrl("url", request.url(), true);
    String standfirst =
        checks.optionalText("standfirst", request.standfirst(), RequestChecks.MAX_STANDFIRST);
    String section = checks.optionalText("section", request.section(), RequestChecks.MAX_SECTION);
    Instant publishedAt = checks.timestamp("publishedAt", request.publishedAt());
    checks.throwIfInvalid();

    UUID articleId = Ids.newId();
    ArticleCommand command =
        new ArticleCommand.PublishArticle(
            headline, url, standfirst, section, publishedAt, context.actor(), Clock.now());
    return writes.execute(
        context,
        writes.canonical(request),
        session ->
            articles
                .decideAndAppend(session, ArticleState.initial(articleId), command)
                .map(
                    state ->
                        new WriteOutcome(
                            Answer.created(
                                "/api/v1/articles/" + articleId,
                                new WriteResult(articleId, null, state.version(), true)),
                            state.version(),
                            NOTHING_CACHED)));
  }

  /**
   * @param fields the request as sent, to tell absent fields (kept) from null ones (cleared)
   */
  public Uni<Response> revise(
      UUID articleId, WriteContext context, ReviseArticleRequest request, JsonNode fields) {
    RequestChecks checks = new RequestChecks();
    Patch<String> headline =
        fields.has("headline")
            ? Patch.set(
                checks.requiredText("headline", request.headline(), RequestChecks.MAX_HEADLINE))
            : Patch.keep();
    Patch<String> url =
        fields.has("url") ? Patch.set(checks.httpUrl("url", request.url(), true)) : Patch.keep();
    Patch<String> standfirst =
        fields.has("standfirst")
            ? Patch.set(
                checks.optionalText(
                    "standfirst", request.standfirst(), RequestChecks.MAX_STANDFIRST))
            : Patch.keep();
    Patch<String> section =
        fields.has("section")
            ? Patch.set(
                checks.optionalText("section", request.section(), RequestChecks.MAX_SECTION))
            : Patch.keep();
    Patch<Instant> publishedAt = Patch.keep();
    if (fields.has("publishedAt")) {
      Instant time = checks.timestamp("publishedAt", request.publishedAt());
      if (request.publishedAt() == null) {
        checks.reject("publishedAt", "cannot be cleared");
      }
      publishedAt = Patch.set(time);
    }
    checks.throwIfInvalid();

    ArticleCommand command =
        new ArticleCommand.ReviseArticle(
            headline, url, standfirst, section, publishedAt, context.actor(), Clock.now());
    return writes.execute(
        context,
        writes.canonical(fields),
        session ->
            articles
                .lockAndLoad(session, articleId)
                .invoke(
                    state -> {
                      Rejections.throwIfAny(ArticleDecider.refuseUnlessPublished(state));
                      context.ifMatch().check(state.version());
                    })
                .chain(
                    state ->
                        articles
                            .decideAndAppend(session, state, command)
                            .map(
                                after ->
                                    new WriteOutcome(
                                        Answer.ok(
                                            new WriteResult(
                                                articleId,
                                                null,
                                                after.version(),
                                                after.version() != state.version())),
                                        after.version(),
                                        NOTHING_CACHED))));
  }
}
