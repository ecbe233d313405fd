package news.ticker.analysis.content;

import java.text.BreakIterator;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Word count and reading time of a body, computed from its text (markup stripped).
 *
 * <p>Words are what {@link BreakIterator#getWordInstance(Locale)} finds in the body's language, so
 * scripts with their own word boundaries (Arabic, Thai, Korean, Latin with apostrophes and decimal
 * numbers) count as their readers would. The JDK has no dictionary for Chinese and Japanese and
 * returns a whole run of ideographs as one "word"; there every Han, Hiragana and Katakana character
 * counts as one word, the convention word processors use for CJK text.
 *
 * @param wordCount words in the body's text
 * @param readingTimeMinutes {@code ceil(wordCount / wordsPerMinute)}, at least 1
 */
public record ReadingMetrics(int wordCount, int readingTimeMinutes) {

  /** Measures sanitised HTML written in the given language (a BCP 47 tag). */
  public static ReadingMetrics of(String sanitizedHtml, String languageTag, int wordsPerMinute) {
    String text = Jsoup.parseBodyFragment(sanitizedHtml).body().text();
    int words = countWords(text, Locale.forLanguageTag(languageTag));
    int minutes = Math.max(1, (words + wordsPerMinute - 1) / wordsPerMinute);
    return new ReadingMetrics(words, minutes);
  }

  static int countWords(String text, Locale locale) {
    BreakIterator boundaries = BreakIterator.getWordInstance(locale);
    boundaries.setText(text);
    int words = 0;
    int start = boundaries.first();
    for (int end = boundaries.next();
        end != BreakIterator.DONE;
        start = end, end = boundaries.next()) {
      words += wordsIn(text, start, end);
    }
    return words;
  }

  /**
   * Words in one segment: none for spaces and punctuation, one per CJK character, one for anything
   * else with a letter or digit (a mixed segment counts its CJK characters plus one).
   */
  private static int wordsIn(String text, int start, int end) {
    int cjk = 0;
    boolean other = false;
    for (int i = start; i < end; ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (isCjk(codePoint)) {
        cjk++;
      } else if (Character.isLetterOrDigit(codePoint)) {
        other = true;
      }
    }
    return cjk + (other ? 1 : 0);
  }

  private static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }
}
