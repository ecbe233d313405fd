package news.ticker.ingest.story;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Story slugs, unique across stories. A slug is claimed in the transaction that opens the story; a
 * concurrent claim of the same slug waits for that transaction and loses if it commits.
 */
@ApplicationScoped
public class StorySlugs {

  private static final int DERIVED_LENGTH = 80;

  /**
   * Claims a slug for the story.
   *
   * @return false when another story has it
   */
  public Uni<Boolean> claim(Mutiny.Session session, String slug, UUID storyId) {
    return session
        .createNativeQuery(
            "insert into story_slugs (slug, story_id) values (?1, ?2) on conflict (slug) do nothing")
        .setParameter(1, slug)
        .setParameter(2, storyId)
        .executeUpdate()
        .map(inserted -> inserted == 1);
  }

  /**
   * A slug made from a title: ASCII letters and digits in lowercase, diacritics dropped ("Oekraïne"
   * becomes "oekraine"), everything else a single hyphen; "story" when nothing is left (e.g. a
   * title in Arabic script).
   */
  public static String fromTitle(String title) {
    String ascii =
        Normalizer.normalize(title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    if (ascii.length() > DERIVED_LENGTH) {
      ascii = ascii.substring(0, DERIVED_LENGTH).replaceAll("-[^-]*$|-$", "");
    }
    return ascii.isEmpty() ? "story" : ascii;
  }

  /**
   * The fallback when a slug derived from a title is taken: made unique with the random tail of the
   * story id.
   */
  public static String withSuffix(String derivedSlug, UUID storyId) {
    return derivedSlug + "-" + storyId.toString().substring(28);
  }
}
