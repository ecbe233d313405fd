package news.ticker.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import news.ticker.platform.problem.FieldError;
import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class RequestChecksTest {

  private final RequestChecks checks = new RequestChecks();

  @Test
  void plainTextLosesMarkupAndControlCharactersButKeepsUnicode() {
    String text = "“Oekraïne” \u0000<b>bericht</b> مرحبا שלום 🇺🇦";
    assertThat(checks.requiredText("title", text, 300))
        .isEqualTo("“Oekraïne” bericht مرحبا שלום 🇺🇦");
    assertThat(checks.errors()).isEmpty();
  }

  @Test
  void requiredTextThatIsMissingOrBlankIsNamed() {
    checks.requiredText("title", null, 300);
    checks.requiredText("headline", " <script></script> ", 300);
    assertThat(checks.errors()).extracting(FieldError::field).containsExactly("title", "headline");
  }

  @Test
  void lengthsCountCharactersNotBytes() {
    assertThat(checks.requiredText("title", "ï".repeat(300), 300)).hasSize(300);
    checks.requiredText("title", "x".repeat(301), 300);
    assertThat(checks.errors()).extracting(FieldError::field).containsExactly("title");
  }

  @Test
  void listsAreLimitedCleanedAndDeduplicated() {
    assertThat(checks.textList("tags", List.of("a", "a", " b "), 20, 60)).containsExactly("a", "b");
    checks.textList("tags", Collections.nCopies(21, "x"), 20, 60);
    checks.textList("authors", Arrays.asList("Ellen", ""), 20, 100);
    assertThat(checks.errors()).extracting(FieldError::field).containsExactly("tags", "authors[1]");
  }

  @Test
  void languagesAreBcp47AndNormalised() {
    assertThat(checks.language("language", "nl")).isEqualTo("nl");
    assertThat(checks.language("language", "pap-cw")).isEqualTo("pap-CW");
    assertThat(checks.language("language", "en_GB")).isNull();
    assertThat(checks.language("language", "not a language")).isNull();
    assertThat(checks.errors()).hasSize(2);
  }

  @Test
  void urlsMustBeAbsoluteHttp() {
    assertThat(checks.httpUrl("url", "https://nos.nl/a?b=c", true))
        .isEqualTo("https://nos.nl/a?b=c");
    checks.httpUrl("a", "/relative", true);
    checks.httpUrl("b", "javascript:alert(1)", true);
    checks.httpUrl("c", "ftp://x.example/f", true);
    checks.httpUrl("d", "https://", true);
    checks.httpUrl("e", null, true);
    assertThat(checks.httpUrl("f", null, false)).isNull();
    assertThat(checks.errors())
        .extracting(FieldError::field)
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void timestampsAreRfc3339WithAnOffset() {
    assertThat(checks.timestamp("t", "2025-03-19T21:14:00-04:00"))
        .isEqualTo(Instant.parse("2025-03-20T01:14:00Z"));
    assertThat(checks.timestamp("t", "2025-03-19t21:14:00.5z"))
        .isEqualTo(Instant.parse("2025-03-19T21:14:00.500Z"));
    checks.timestamp("a", "2025-03-19T21:14:00");
    checks.timestamp("b", "2025-03-19 21:14:00Z");
    checks.timestamp("c", "2025-02-30T10:00:00Z");
    checks.timestamp("d", "yesterday");
    assertThat(checks.errors()).extracting(FieldError::field).containsExactly("a", "b", "c", "d");
  }

  @Test
  void slugsAreLowercaseWordsWithSingleHyphens() {
    assertThat(checks.slug("slug", "verkiezingen-2025")).isEqualTo("verkiezingen-2025");
    checks.slug("slug", "Verkiezingen");
    checks.slug("slug", "a--b");
    checks.slug("slug", "-a");
    assertThat(checks.errors()).hasSize(3);
  }

  @Test
  void aBodyOverTheLimitIs413AtOnce() {
    assertThatThrownBy(() -> checks.body("body", "<p>" + "é".repeat(600) + "</p>", 1_000))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.toProblem(null).errors())
                  .extracting(FieldError::field)
                  .containsExactly("body");
            });
  }

  @Test
  void aBodyEmptyAfterSanitisingIsInvalid() {
    assertThat(checks.body("body", "<script>alert(1)</script><p> </p>", 1_000)).isNull();
    assertThat(checks.body("body", "<p onclick=x()>Hallo</p>", 1_000)).isEqualTo("<p>Hallo</p>");
    assertThat(checks.errors()).extracting(FieldError::field).containsExactly("body");
  }

  @Test
  void throwsOneProblemNamingEveryField() {
    checks.reject("title", "is required");
    checks.reject("canonicalUrl", "bad");
    assertThatThrownBy(checks::throwIfInvalid)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.toProblem(null).errors())
                  .extracting(FieldError::field)
                  .containsExactly("title", "canonicalUrl");
            });
  }
}
