package news.ticker.timeline.story;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque cursor of the story list: the position of the last story of the previous page in list
 * order (live first, then most recently updated, then id).
 *
 * @param closed whether that story was closed (live stories come first)
 */
public record StoryCursor(boolean closed, Instant updatedAt, UUID storyId) {

  private static final String VERSION = "s1";

  public String encode() {
    String plain = VERSION + "|" + (closed ? 1 : 0) + "|" + updatedAt + "|" + storyId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  public static Optional<StoryCursor> decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", -1);
      if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].matches("[01]")) {
        return Optional.empty();
      }
      return Optional.of(
          new StoryCursor(
              parts[1].equals("1"), Instant.parse(parts[2]), UUID.fromString(parts[3])));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
