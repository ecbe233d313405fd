package news.ticker.timeline.live;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the live page, in the story's language: Dutch and English, English for any other
 * language. The server renders with them and hands the same table to {@code live.js} (the {@code
 * data-labels} attribute), so a language is added here, once. {@code {n}} stands for a number.
 *
 * @param lang the page's {@code lang} attribute
 */
public record LiveLabels(
    String lang,
    String live,
    String closed,
    String pinned,
    String keyEvents,
    String updates,
    String read,
    String analysis,
    String analysisTeaser,
    String readingTime,
    String correction,
    String redacted,
    String olderUpdates,
    String newUpdate,
    String newUpdates,
    String announceUpdate,
    String by,
    String notFoundTitle,
    String notFoundText) {

  static final LiveLabels ENGLISH =
      new LiveLabels(
          "en",
          "Live",
          "Coverage ended",
          "Pinned",
          "Key events",
          "Latest updates",
          "READ:",
          "Analysis",
          "Read the full analysis",
          "{n} min read",
          "Correction:",
          "This update was removed.",
          "Older updates",
          "1 new update",
          "{n} new updates",
          "New update:",
          "By",
          "Live page not found",
          "There is no live page at this address.");

  static final LiveLabels DUTCH =
      new LiveLabels(
          "nl",
          "Live",
          "Afgelopen",
          "Vastgezet",
          "Belangrijkste gebeurtenissen",
          "Laatste updates",
          "LEES:",
          "Analyse",
          "Lees hier de volledige analyse",
          "{n} min. leestijd",
          "Correctie:",
          "Dit bericht is verwijderd.",
          "Oudere updates",
          "1 nieuwe update",
          "{n} nieuwe updates",
          "Nieuwe update:",
          "Door",
          "Livepagina niet gevonden",
          "Op dit adres staat geen livepagina.");

  /** The labels of a BCP 47 language tag ({@code nl}, {@code nl-BE}, …); English by default. */
  public static LiveLabels of(String language) {
    if (language == null) {
      return ENGLISH;
    }
    String primary = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return primary.equals("nl") ? DUTCH : ENGLISH;
  }

  /** The locale dates are formatted in. */
  Locale locale() {
    return Locale.forLanguageTag(lang);
  }

  /** {@code template} with {@code {n}} replaced by {@code n}. */
  static String count(String template, long n) {
    return template.replace("{n}", Long.toString(n));
  }

  /** What {@code live.js} needs, by the names it uses. */
  Map<String, String> forScript() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("live", live);
    labels.put("closed", closed);
    labels.put("pinned", pinned);
    labels.put("read", read);
    labels.put("analysisTeaser", analysisTeaser);
    labels.put("readingTime", readingTime);
    labels.put("correction", correction);
    labels.put("redacted", redacted);
    labels.put("newUpdate", newUpdate);
    labels.put("newUpdates", newUpdates);
    labels.put("announceUpdate", announceUpdate);
    labels.put("by", by);
    return labels;
  }
}
