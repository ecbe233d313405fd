package news.ticker.analysis.content;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * How an {@link AnalysisContent} is stored: the same columns in {@code analysis} (the current
 * content) and in {@code analysis_revision} (each content it had). Replaced as a whole, never
 * changed in place, so the owning entity sees every change.
 */
@Embeddable
public class ContentColumns {

  /** Null once redacted, like standfirst and body. */
  @Column(name = "title")
  public String title;

  @Column(name = "standfirst")
  public String standfirst;

  @Column(name = "body")
  public String body;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "authors", nullable = false)
  public List<String> authors;

  @Column(name = "language", nullable = false)
  public String language;

  @Column(name = "word_count", nullable = false)
  public int wordCount;

  @Column(name = "reading_time_minutes", nullable = false)
  public int readingTimeMinutes;

  public static ContentColumns of(AnalysisContent content) {
    ContentColumns columns = new ContentColumns();
    columns.title = content.title();
    columns.standfirst = content.standfirst();
    columns.body = content.body();
    columns.authors = content.authors();
    columns.language = content.language();
    columns.wordCount = content.metrics().wordCount();
    columns.readingTimeMinutes = content.metrics().readingTimeMinutes();
    return columns;
  }

  public AnalysisContent content() {
    return new AnalysisContent(
        title,
        standfirst,
        body,
        authors,
        language,
        new ReadingMetrics(wordCount, readingTimeMinutes));
  }

  /** What a redaction leaves of these columns ({@link AnalysisContent#redacted}). */
  public ContentColumns redacted() {
    return of(content().redacted());
  }
}
