package news.ticker.ingest.update;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.events.Ids;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.contentkey.ContentKeyStore;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.story.PreparedCommand;
import news.ticker.ingest.story.StoryChange;
import news.ticker.ingest.story.StoryCommand;
import news.ticker.ingest.story.StoryDecider;
import news.ticker.ingest.story.StoryWrites;
import news.ticker.ingest.write.Answer;
import news.ticker.ingest.write.Clock;
import news.ticker.ingest.write.Patch;
import news.ticker.ingest.write.RequestChecks;
import news.ticker.ingest.write.WriteResult;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.Rejections;

/**
 * Posts, edits, retracts, pins and marks updates. Texts are sealed under the update's content key
 * before they are decided on: the plaintext exists only in this request.
 */
@ApplicationScoped
public class UpdateService {

  @Inject StoryWrites storyWrites;
  @Inject ContentKeyStore contentKeys;
  @Inject IngestConfig config;

  public Uni<Response> post(UUID storyId, WriteContext context, PostUpdateRequest request) {
    ProblemException.requireBody(request, "a JSON body with at least a body is required");
    RequestChecks checks = new RequestChecks();
    CheckedUpdate update = CheckedUpdate.check(checks, request, config.maxUpdateBodyBytes());
    checks.throwIfInvalid();

    UUID updateId = Ids.newId();
    Instant now = Clock.now();
    UpdateKey key = UpdateKey.create(storyId, updateId, now);
    return storyWrites.executeBatched(
        storyId,
        context,
        request,
        new PreparedCommand(
            new StoryCommand.PostUpdate(updateId, update.sealedWith(key), context.actor(), now),
            List.of(key)),
        change ->
            Answer.created(
                location(storyId, updateId),
                new WriteResult(updateId, storyId, change.after().version(), true)));
  }

  public Uni<Response> edit(
      UUID storyId, UUID updateId, WriteContext context, EditUpdateRequest request) {
    ProblemException.requireBody(request, "a JSON body with at least a body is required");
    RequestChecks checks = new RequestChecks();
    String body = checks.body("body", request.body(), config.maxUpdateBodyBytes());
    Patch<String> headline =
        request.headline() == null
            ? Patch.keep()
            : Patch.set(
                checks.optionalText("headline", request.headline(), RequestChecks.MAX_HEADLINE));
    Patch<List<String>> authors =
        request.authors() == null
            ? Patch.keep()
            : Patch.set(
                checks.textList(
                    "authors",
                    request.authors(),
                    RequestChecks.MAX_AUTHORS,
                    RequestChecks.MAX_AUTHOR));
    String note = checks.optionalText("correction", request.correction(), RequestChecks.MAX_NOTE);
    if (request.correction() != null && note == null) {
      checks.reject("correction", "must not be empty: a correction tells readers what changed");
    }
    checks.throwIfInvalid();

    Instant now = Clock.now();
    return storyWrites.execute(
        storyId,
        context,
        request,
        (session, state) -> {
          // Refuse an unknown or retracted update before looking for its key.
          Rejections.throwIfAny(StoryDecider.refuseUnlessLive(state, updateId));
          return contentKeys
              .find(session, storyId, updateId)
              .map(
                  found -> {
                    UpdateKey key =
                        found.orElseThrow(
                            () ->
                                ProblemException.conflict(
                                    "the texts of update "
                                        + updateId
                                        + " were removed for good; it cannot be edited"));
                    return PreparedCommand.of(
                        new StoryCommand.EditUpdate(
                            updateId,
                            headline.map(key::seal),
                            key.seal(body),
                            authors,
                            key.seal(note),
                            context.actor(),
                            now));
                  });
        },
        change -> updateAnswer(storyId, updateId, change));
  }

  public Uni<Response> retract(
      UUID storyId, UUID updateId, WriteContext context, RetractUpdateRequest request) {
    String reason = requiredReason(request == null ? null : request.reason());
    return storyWrites.executeBatched(
        storyId,
        context,
        request,
        PreparedCommand.of(
            new StoryCommand.RetractUpdate(updateId, reason, context.actor(), Clock.now())),
        change -> updateAnswer(storyId, updateId, change));
  }

  /**
   * Redacts an update for good: in one transaction the decider appends {@code update-redacted} and
   * {@link StoryWrites} destroys the update's content key, forgets its idempotent requests and
   * queues the key's tombstone before the event. Redacting again answers 200 with changed false.
   */
  public Uni<Response> redact(
      UUID storyId, UUID updateId, WriteContext context, RedactUpdateRequest request) {
    String reason = requiredReason(request == null ? null : request.reason());
    return storyWrites.execute(
        storyId,
        context,
        request,
        new StoryCommand.RedactUpdate(updateId, reason, context.actor(), Clock.now()),
        change -> updateAnswer(storyId, updateId, change));
  }

  /** The reason of a retraction or redaction: required, plain text, limited; or a 422. */
  private static String requiredReason(String reason) {
    RequestChecks checks = new RequestChecks();
    String checked = checks.requiredText("reason", reason, RequestChecks.MAX_REASON);
    checks.throwIfInvalid();
    return checked;
  }

  /** A command that sets or clears a flag of one update: pinned, or a key event. */
  @FunctionalInterface
  public interface Flag {
    StoryCommand of(UUID updateId, String actor, Instant at);
  }

  /**
   * Sets or clears a flag of the update ({@code StoryCommand.PinUpdate::new}, {@code
   * UnpinUpdate::new}, {@code MarkKeyEvent::new}, {@code UnmarkKeyEvent::new}).
   */
  public Uni<Response> flag(UUID storyId, UUID updateId, WriteContext context, Flag flag) {
    StoryCommand command = flag.of(updateId, context.actor(), Clock.now());
    return storyWrites.executeBatched(
        storyId,
        context,
        null,
        PreparedCommand.of(command),
        change -> updateAnswer(storyId, updateId, change));
  }

  private static Answer updateAnswer(UUID storyId, UUID updateId, StoryChange change) {
    return Answer.ok(
        new WriteResult(updateId, storyId, change.after().version(), change.changed()));
  }

  static String location(UUID storyId, UUID updateId) {
    return "/api/v1/stories/" + storyId + "/updates/" + updateId;
  }
}
