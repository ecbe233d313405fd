package news.ticker.ingest.story;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import news.ticker.platform.problem.FieldError;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.ProblemType;

/** Opens, changes and closes stories. */
@ApplicationScoped
public class StoryService {

  @Inject Writes writes;
  @Inject StoryWrites storyWrites;
  @Inject StoryStreams streams;
  @Inject StorySlugs slugs;

  public Uni<Response> open(WriteContext context, OpenStoryRequest request) {
    ProblemException.requireBody(request, "a JSON body with at least a title is required");
    RequestChecks checks = new RequestChecks();
    String title = checks.requiredText("title", request.title(), RequestChecks.MAX_TITLE);
    String requestedSlug = checks.slug("slug", request.slug());
    String section = checks.optionalText("section", request.section(), RequestChecks.MAX_SECTION);
    String language = checks.language("language", request.language());
    String summary = checks.optionalText("summary", request.summary(), RequestChecks.MAX_SUMMARY);
    List<String> tags =
        checks.textList("tags", request.tags(), RequestChecks.MAX_TAGS, RequestChecks.MAX_TAG);
    String canonicalUrl = checks.httpUrl("canonicalUrl", request.canonicalUrl(), false);
    Instant coverageStart = checks.timestamp("coverageStartTime", request.coverageStartTime());
    checks.throwIfInvalid();

    UUID storyId = Ids.newId();
    Instant now = Clock.now();
    String slug = requestedSlug != null ? requestedSlug : StorySlugs.fromTitle(title);
    return writes.execute(
        context,
        writes.canonical(request),
        session ->
            slugs
                .claim(session, slug, storyId)
                .chain(
                    claimed -> {
                      if (claimed) {
                        return Uni.createFrom().item(slug);
                      }
                      if (requestedSlug != null) {
                        throw slugTaken(slug);
                      }
                      String unique = StorySlugs.withSuffix(slug, storyId);
                      return slugs
                          .claim(session, unique, storyId)
                          .map(
                              ok -> {
                                if (!ok) {
                                  throw slugTaken(unique);
                                }
                                return unique;
                              });
                    })
                .chain(
                    claimedSlug ->
                        streams.decideAndAppend(
                            session,
                            StoryState.initial(storyId),
                            PreparedCommand.of(
                                new StoryCommand.OpenStory(
                                    new StoryState.Header(
                                        title,
                                        claimedSlug,
                                        section,
                                        language,
                                        summary,
                                        tags,
                                        canonicalUrl,
                                        coverageStart),
                                    context.actor(),
                                    now))))
                .map(
                    change ->
                        new WriteOutcome(
                            Answer.created(
                                "/api/v1/stories/" + storyId,
                                new WriteResult(storyId, null, change.after().version(), true)),
                            change.after().version(),
                            () -> streams.remember(change.after()))));
  }

  /**
   * @param fields the request as sent, to tell fields that are absent (kept) from fields that are
   *     null (cleared)
   */
  public Uni<Response> change(
      UUID storyId, WriteContext context, ChangeStoryRequest request, JsonNode fields) {
    RequestChecks checks = new RequestChecks();
    Patch<String> title =
        Patch.ifSent(
            fields,
            "title",
            () -> checks.requiredText("title", request.title(), RequestChecks.MAX_TITLE));
    Patch<String> section =
        Patch.ifSent(
            fields,
            "section",
            () -> checks.optionalText("section", request.section(), RequestChecks.MAX_SECTION));
    Patch<String> summary =
        Patch.ifSent(
            fields,
            "summary",
            () -> checks.optionalText("summary", request.summary(), RequestChecks.MAX_SUMMARY));
    Patch<List<String>> tags =
        Patch.ifSent(
            fields,
            "tags",
            () ->
                checks.textList(
                    "tags", request.tags(), RequestChecks.MAX_TAGS, RequestChecks.MAX_TAG));
    Patch<String> canonicalUrl =
        Patch.ifSent(
            fields,
            "canonicalUrl",
            () -> checks.httpUrl("canonicalUrl", request.canonicalUrl(), false));
    checks.throwIfInvalid();
    StoryCommand command =
        new StoryCommand.ChangeStory(
            title, section, summary, tags, canonicalUrl, context.actor(), Clock.now());
    return storyWrites.execute(
        storyId, context, fields, command, change -> storyAnswer(storyId, change));
  }

  public Uni<Response> close(UUID storyId, WriteContext context, CloseStoryRequest request) {
    RequestChecks checks = new RequestChecks();
    Instant end =
        request == null ? null : checks.timestamp("coverageEndTime", request.coverageEndTime());
    checks.throwIfInvalid();
    StoryCommand command = new StoryCommand.CloseStory(end, context.actor(), Clock.now());
    return storyWrites.execute(
        storyId, context, request, command, change -> storyAnswer(storyId, change));
  }

  private static Answer storyAnswer(UUID storyId, StoryChange change) {
    return Answer.ok(new WriteResult(storyId, null, change.after().version(), change.changed()));
  }

  private static ProblemException slugTaken(String slug) {
    return new ProblemException(
        ProblemType.SLUG_TAKEN,
        "another story already has the slug " + slug,
        List.of(new FieldError("slug", "already used by another story")),
        Map.of());
  }
}
