package news.ticker.analysis.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisContentTest {

  @Test
  void aRedactionRemovesTheTextsAndKeepsTheRest() {
    ReadingMetrics metrics = new ReadingMetrics(460, 2);
    AnalysisContent content =
        new AnalysisContent(
            "Why the dykes held", "Thirty years", "<p>Body</p>", List.of("Anna"), "nl", metrics);

    AnalysisContent redacted = content.redacted();

    assertThat(redacted.title()).isNull();
    assertThat(redacted.standfirst()).isNull();
    assertThat(redacted.body()).isNull();
    assertThat(redacted.authors()).containsExactly("Anna");
    assertThat(redacted.language()).isEqualTo("nl");
    assertThat(redacted.metrics()).isEqualTo(metrics);
    assertThat(redacted.redacted()).isEqualTo(redacted);
  }
}
