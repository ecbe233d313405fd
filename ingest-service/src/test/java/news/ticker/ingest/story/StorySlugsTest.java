package news.ticker.ingest.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorySlugsTest {

  @Test
  void derivesAsciiSlugsFromTitles() {
    assertThat(StorySlugs.fromTitle("Oorlog in Oekraïne: dag 1.000"))
        .isEqualTo("oorlog-in-oekraine-dag-1-000");
    assertThat(StorySlugs.fromTitle("  Curaçao kiest!  ")).isEqualTo("curacao-kiest");
    assertThat(StorySlugs.fromTitle("مرحبا")).isEqualTo("story");
  }

  @Test
  void longTitlesAreCutAtAWordBoundary() {
    String slug = StorySlugs.fromTitle("woord ".repeat(40));
    assertThat(slug).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-").endsWith("woord");
  }

  @Test
  void theFallbackAddsTheRandomTailOfTheStoryId() {
    UUID id = UUID.fromString("0195b2a0-0000-7000-8000-00000000abcd");
    assertThat(StorySlugs.withSuffix("verkiezingen", id)).isEqualTo("verkiezingen-0000abcd");
  }
}
