package news.ticker.platform.html;

/** Removes characters that have no place in stored text, keeping every other code point intact. */
public final class TextCleaner {

  private TextCleaner() {}

  /**
   * Removes C0 controls (NUL included), DEL, C1 controls and unpaired surrogates. Tabs and newlines
   * are kept when {@code keepLineBreaks} is set (bodies), and become spaces otherwise (single-line
   * fields).
   */
  public static String removeControlCharacters(String text, boolean keepLineBreaks) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean drop;
      char replacement = 0;
      if (c == '\n' || c == '\t' || c == '\r') {
        drop = !keepLineBreaks;
        replacement = keepLineBreaks ? 0 : ' ';
      } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        drop = true;
      } else if (Character.isHighSurrogate(c)) {
        drop = i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1));
        if (!drop) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        drop = Character.isLowSurrogate(c);
      }
      if (drop) {
        if (out == null) {
          out = new StringBuilder(length).append(text, 0, i);
        }
        if (replacement != 0) {
          out.append(replacement);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** Whether the text holds a character {@link #removeControlCharacters} would remove. */
  public static boolean hasControlCharacters(String text, boolean allowLineBreaks) {
    return text != null && !removeControlCharacters(text, allowLineBreaks).equals(text);
  }
}
