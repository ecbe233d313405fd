package news.ticker.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One problem type has one slug, one status and one title, whoever answers with it. */
class ProblemTypeTest {

  @Test
  void slugsAndTitlesAreUnique() {
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug)).doesNotHaveDuplicates();
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::title)).doesNotHaveDuplicates();
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug))
        .allMatch(slug -> slug.matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  void aProblemCarriesItsTypesUriTitleAndStatus() {
    Problem problem = ProblemException.notFound("story", "x").toProblem("/p");
    assertThat(problem.type()).isEqualTo("https://ticker.news/problems/not-found");
    assertThat(problem.title()).isEqualTo(ProblemType.NOT_FOUND.title());
    assertThat(problem.status()).isEqualTo(404);
  }

  @Test
  void theRestLayersOwnStatusKeepsTheTypesTitle() {
    Problem problem =
        new ProblemException(ProblemType.BAD_REQUEST, 408, "timeout", List.of(), Map.of())
            .toProblem("/p");
    assertThat(problem.status()).isEqualTo(408);
    assertThat(problem.title()).isEqualTo("The request is malformed");
  }

  @Test
  void theImportLimitIsTooLargeWithTheOneTitle() {
    Problem problem =
        ProblemException.tooLarge("an import holds at most 2 lines", new FieldError("lines", "2"))
            .toProblem("/p");
    assertThat(problem.title()).isEqualTo("The content is too large");
    assertThat(problem.errors()).extracting(FieldError::field).containsExactly("lines");
  }
}
