package news.ticker.ingest.article;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
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
import org.hibernate.reactive.mutiny.Mutiny;

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
    return write(
        context,
        request,
        session -> Uni.createFrom().item(ArticleState.initial(articleId)),
        command,
        (before, after) ->
            Answer.created(
                "/api/v1/articles/" + articleId,
                new WriteResult(articleId, null, after.version(), true)));
  }

  /**
   * @param fields the request as sent, to tell absent fields (kept) from null ones (cleared)
   */
  public Uni<Response> revise(
      UUID articleId, WriteContext context, ReviseArticleRequest request, JsonNode fields) {
    RequestChecks checks = new RequestChecks();
    Patch<String> headline =
        Patch.ifSent(
            fields,
            "headline",
            () -> checks.requiredText("headline", request.headline(), RequestChecks.MAX_HEADLINE));
    Patch<String> url =
        Patch.ifSent(fields, "url", () -> checks.httpUrl("url", request.url(), true));
    Patch<String> standfirst =
        Patch.ifSent(
            fields,
            "standfirst",
            () ->
                checks.optionalText(
                    "standfirst", request.standfirst(), RequestChecks.MAX_STANDFIRST));
    Patch<String> section =
        Patch.ifSent(
            fields,
            "section",
            () -> checks.optionalText("section", request.section(), RequestChecks.MAX_SECTION));
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
    return write(
        context,
        fields,
        session ->
            articles
                .lockAndLoad(session, articleId)
                .invoke(
                    state -> {
                      Rejections.throwIfAny(ArticleDecider.refuseUnlessPublished(state));
                      context.ifMatch().check(state.version());
                    }),
        command,
        (before, after) ->
            Answer.ok(
                new WriteResult(
                    articleId, null, after.version(), after.version() != before.version())));
  }

  /**
   * Runs {@code command} in one write on the article as {@code load} finds it in the write's
   * transaction, answering with what {@code answer} makes of the article before and after.
   *
   * @param request the request, re-serialised as the canonical body of its idempotency key
   */
  private Uni<Response> write(
      WriteContext context,
      Object request,
      Function<Mutiny.Session, Uni<ArticleState>> load,
      ArticleCommand command,
      BiFunction<ArticleState, ArticleState, Answer> answer) {
    return writes.execute(
        context,
        writes.canonical(request),
        session ->
            load.apply(session)
                .chain(
                    before ->
                        articles
                            .decideAndAppend(session, before, command)
                            .map(
                                after ->
                                    new WriteOutcome(
                                        answer.apply(before, after),
                                        after.version(),
                                        NOTHING_CACHED))));
  }
}
