package news.ticker.ingest.update;

import java.time.Instant;
import java.util.List;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.story.StoryCommand.NewUpdate;
import news.ticker.ingest.write.RequestChecks;

/**
 * A new update's fields, checked and cleaned like every posted update but not yet sealed: the
 * plaintext of one request, before its content key exists.
 *
 * @param publishedAt null when the client sent none
 */
public record CheckedUpdate(
    String body,
    String headline,
    List<String> authors,
    Instant publishedAt,
    boolean keyEvent,
    boolean pinned) {

  /**
   * Checks body, headline, authors and publishedAt, in that order, into {@code checks}; the caller
   * may check more and then throws with {@link RequestChecks#throwIfInvalid}.
   */
  public static CheckedUpdate check(
      RequestChecks checks, NewUpdateFields fields, int maxBodyBytes) {
    String body = checks.body("body", fields.body(), maxBodyBytes);
    String headline =
        checks.optionalText("headline", fields.headline(), RequestChecks.MAX_HEADLINE);
    List<String> authors =
        checks.textList(
            "authors", fields.authors(), RequestChecks.MAX_AUTHORS, RequestChecks.MAX_AUTHOR);
    Instant publishedAt = checks.timestamp("publishedAt", fields.publishedAt());
    return new CheckedUpdate(
        body,
        headline,
        authors,
        publishedAt,
        Boolean.TRUE.equals(fields.keyEvent()),
        Boolean.TRUE.equals(fields.pinned()));
  }

  /** The update as commands carry it: its texts sealed under its content key. */
  public NewUpdate sealedWith(UpdateKey key) {
    return new NewUpdate(
        key.seal(headline), key.seal(body), authors, keyEvent, pinned, publishedAt);
  }
}
