package news.ticker.analysis.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadingMetricsTest {

  static final String DUTCH_PARAGRAPH =
      "Toen het water dinsdagnacht steeg, hielden de nieuwe dijken stand. Dertig jaar"
          + " investeringen in de Deltawerken betaalden zich in één nacht terug. Zo'n 2,5 miljard"
          + " euro werd sinds 1995 uitgegeven aan versterking, en volgens de waterschappen was"
          + " elke cent het waard. Bewoners van Zeeland keken 's ochtends opgelucht naar de"
          + " kust.";

  @Test
  void dutchWordsAreWhatSpacesSeparate() {
    int expected = DUTCH_PARAGRAPH.split("\\s+").length;

    ReadingMetrics metrics = ReadingMetrics.of("<p>" + DUTCH_PARAGRAPH + "</p>", "nl", 230);

    assertThat(metrics.wordCount()).isEqualTo(expected).isEqualTo(51);
    assertThat(metrics.readingTimeMinutes()).isEqualTo(1);
  }

  @Test
  void aLongDutchTextReadsInCeilOfWordsOver230Minutes() {
    String html = ("<p>" + DUTCH_PARAGRAPH + "</p>\n").repeat(40);

    ReadingMetrics metrics = ReadingMetrics.of(html, "nl-NL", 230);

    assertThat(metrics.wordCount()).isEqualTo(51 * 40);
    assertThat(metrics.readingTimeMinutes()).isEqualTo(9); // 2040 / 230 = 8.87
  }

  @Test
  void markupIsNotCountedAndBlocksDoNotGlueWordsTogether() {
    ReadingMetrics metrics =
        ReadingMetrics.of(
            "<h2>Kop</h2><p>een <strong>twee</strong></p><ul><li>drie</li><li>vier</li></ul>"
                + "<figure data-embed=\"youtube\" data-id=\"abc\"></figure><p>vijf<br>zes</p>",
            "nl",
            230);

    assertThat(metrics.wordCount()).isEqualTo(7);
  }

  @Test
  void chineseCountsEveryCharacterAsAWord() {
    // 7 + 5 Han characters; the full stop does not count.
    ReadingMetrics metrics = ReadingMetrics.of("<p>今天的天气很好。我们去公园</p>", "zh-Hans", 230);

    assertThat(metrics.wordCount()).isEqualTo(12);
  }

  @Test
  void japaneseCountsKanjiAndKanaCharacters() {
    ReadingMetrics metrics = ReadingMetrics.of("<p>東京は日本の首都です。</p>", "ja", 230);

    assertThat(metrics.wordCount()).isEqualTo(10);
  }

  @Test
  void arabicAndKoreanWordsAreSeparatedBySpaces() {
    assertThat(ReadingMetrics.of("<p>مرحبا بالعالم، هذا نص عربي.</p>", "ar", 230).wordCount())
        .isEqualTo(5);
    assertThat(ReadingMetrics.of("<p>서울의 날씨가 좋습니다.</p>", "ko", 230).wordCount()).isEqualTo(3);
  }

  @Test
  void aLongChineseTextReadsInCeilOfCharactersOver230Minutes() {
    String sentence = "长江流域今年遭遇了罕见的洪水"; // 14 characters
    ReadingMetrics metrics =
        ReadingMetrics.of("<p>" + (sentence + "，").repeat(100) + "</p>", "zh", 230);

    assertThat(metrics.wordCount()).isEqualTo(1400);
    assertThat(metrics.readingTimeMinutes()).isEqualTo(7); // 1400 / 230 = 6.09
  }

  @Test
  void anythingReadsInAtLeastOneMinute() {
    assertThat(ReadingMetrics.of("<p>Kort.</p>", "nl", 230).readingTimeMinutes()).isEqualTo(1);
    assertThat(ReadingMetrics.of("<img src=\"https://x/y.png\" alt=\"\">", "nl", 230))
        .isEqualTo(new ReadingMetrics(0, 1));
  }
}
