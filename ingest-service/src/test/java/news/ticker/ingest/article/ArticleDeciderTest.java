package news.ticker.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.events.ArticleEvent;
import news.ticker.events.ArticleEvent.ArticlePublished;
import news.ticker.events.ArticleEvent.ArticleRevised;
import news.ticker.ingest.article.ArticleCommand.PublishArticle;
import news.ticker.ingest.article.ArticleCommand.ReviseArticle;
import news.ticker.ingest.write.Patch;
import news.ticker.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ArticleDeciderTest {

  private static final UUID ARTICLE = UUID.fromString("0195b2a0-0000-7000-8000-0000000000b1");
  private static final Instant T0 = Instant.parse("2025-03-19T11:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-19T12:00:00Z");

  private static ArticleState published() {
    ArticleState initial = ArticleState.initial(ARTICLE);
    return ArticleDecider.fold(
        initial,
        ArticleDecider.decide(
            new PublishArticle("Kop", "https://x.example/a", "Intro", "Politiek", T0, "ed", T1),
            initial));
  }

  private static ReviseArticle revise(Patch<String> headline, Patch<String> standfirst) {
    return new ReviseArticle(
        headline, Patch.keep(), standfirst, Patch.keep(), Patch.keep(), "ed", T1);
  }

  @Test
  void publishesAtVersionOneAtNowByDefault() {
    List<ArticleEvent> events =
        ArticleDecider.decide(
            new PublishArticle("Kop", "https://x.example/a", null, null, null, "ed", T1),
            ArticleState.initial(ARTICLE));
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            ArticlePublished.class, e -> assertThat(e.publishedAt()).isEqualTo(T1));
    assertThat(published().version()).isEqualTo(1);
  }

  @Test
  void publishingTwiceIs409() {
    assertThatThrownBy(
            () ->
                ArticleDecider.decide(
                    new PublishArticle("Kop", "https://x.example/a", null, null, null, "ed", T1),
                    published()))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void aRevisionCarriesTheCompleteNewValuesAndKeepsWhatWasNotSent() {
    assertThat(ArticleDecider.decide(revise(Patch.set("Nieuwe kop"), Patch.set(null)), published()))
        .singleElement()
        .isInstanceOfSatisfying(
            ArticleRevised.class,
            e -> {
              assertThat(e.headline()).isEqualTo("Nieuwe kop");
              assertThat(e.standfirst()).isNull();
              assertThat(e.url()).isEqualTo("https://x.example/a");
              assertThat(e.section()).isEqualTo("Politiek");
              assertThat(e.publishedAt()).isEqualTo(T0);
            });
  }

  @Test
  void revisingNothingDecidesNothing() {
    assertThat(ArticleDecider.decide(revise(Patch.set("Kop"), Patch.keep()), published()))
        .isEmpty();
  }

  @Test
  void revisingAnUnknownArticleIs404() {
    assertThatThrownBy(
            () ->
                ArticleDecider.decide(
                    revise(Patch.set("x"), Patch.keep()), ArticleState.initial(ARTICLE)))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
