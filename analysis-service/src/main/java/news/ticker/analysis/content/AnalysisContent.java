package news.ticker.analysis.content;

import java.util.List;

/**
 * What an analyst writes, validated and sanitised: plain-text title, standfirst and authors, a
 * sanitised HTML body, a BCP 47 language tag, and the metrics of the body's text.
 *
 * @param standfirst null when there is none
 */
public record AnalysisContent(
    String title,
    String standfirst,
    String body,
    List<String> authors,
    String language,
    ReadingMetrics metrics) {

  public AnalysisContent {
    authors = List.copyOf(authors);
  }

  /**
   * What an admin's redaction leaves: the same without title, standfirst and body, which are gone
   * for good; authors, language and metrics stay.
   */
  public AnalysisContent redacted() {
    return new AnalysisContent(null, null, null, authors, language, metrics);
  }
}
