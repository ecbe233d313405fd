package news.ticker.timeline.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque {@code before} cursor of a feed page: the position (publishedAt, id) of the last item
 * of the previous page. Opaque to clients (base64url), versioned so its format can change.
 */
public record FeedCursor(Instant publishedAt, UUID updateId) {

  private static final String VERSION = "f1";

  public String encode() {
    String plain = VERSION + "|" + publishedAt + "|" + updateId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or empty when the text is not a cursor of this kind. */
  public static Optional<FeedCursor> decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", -1);
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        return Optional.empty();
      }
      return Optional.of(new FeedCursor(Instant.parse(parts[1]), UUID.fromString(parts[2])));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether an update at this position comes after the cursor in feed order. */
  public boolean isBefore(PublicUpdate update) {
    int byTime = update.publishedAt().compareTo(publishedAt);
    return byTime < 0 || (byTime == 0 && update.id().toString().compareTo(updateId.toString()) < 0);
  }
}
