package news.ticker.platform.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

  @Test
  void keepsEveryPrintableCodePoint() {
    String text = "Oekraïne “quotes” ‘single’ — עברית العربية 🇺🇦 👩🏽‍💻 \u200F";
    assertThat(TextCleaner.removeControlCharacters(text, false)).isSameAs(text);
  }

  @Test
  void removesNulAndControlCharacters() {
    assertThat(TextCleaner.removeControlCharacters("a\u0000b\u0007c\u007Fd\u009Be", true))
        .isEqualTo("abcde");
  }

  @Test
  void lineBreaksStayInBodiesAndBecomeSpacesInSingleLineFields() {
    assertThat(TextCleaner.removeControlCharacters("one\ntwo\tthree", true))
        .isEqualTo("one\ntwo\tthree");
    assertThat(TextCleaner.removeControlCharacters("one\ntwo\tthree", false))
        .isEqualTo("one two three");
  }

  @Test
  void removesUnpairedSurrogatesButKeepsPairs() {
    String lone = "a\uD83Db" + "c\uDE00" + "\uD83D\uDE00";
    assertThat(TextCleaner.removeControlCharacters(lone, false)).isEqualTo("abc\uD83D\uDE00");
    assertThat(TextCleaner.hasControlCharacters(lone, false)).isTrue();
    assertThat(TextCleaner.hasControlCharacters("fine 😀", false)).isFalse();
  }
}
