package news.ticker.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.events.ArticleEvent;
import news.ticker.events.ArticleEvent.ArticlePublished;
import news.ticker.events.ArticleEvent.ArticleRevised;
import news.ticker.ingest.article.ArticleCommand.PublishArticle;
import news.ticker.ingest.article.ArticleCommand.ReviseArticle;
import news.ticker.ingest.write.Patch;
import news.ticker.platform.decision.Decision;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.NotFound;
import org.junit.jupiter.api.Test;

class ArticleDeciderTest {

  private static final UUID ARTICLE = UUID.fromString("0195b2a0-0000-7000-8000-0000000000b1");
  private static final Instant T0 = Instant.parse("2025-03-19T11:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-19T12:00:00Z");

  private static ArticleState published() {
    ArticleState initial = ArticleState.initial(ARTICLE);
    return ArticleDecider.fold(
        initial,
        decide(
            new PublishArticle("Kop", "https://x.example/a", "Intro", "Politiek", T0, "ed", T1),
            initial));
  }

  /** The events of a command the decider must accept. */
  @SuppressWarnings("unchecked")
  private static List<ArticleEvent> decide(ArticleCommand command, ArticleState state) {
    Decision<ArticleEvent> decision = ArticleDecider.decide(command, state);
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted<ArticleEvent>) decision).events();
  }

  private static void assertRejected(
      Decision<ArticleEvent> decision, Class<? extends Rejection> rejection) {
    assertThat(decision)
        .isInstanceOfSatisfying(
            Decision.Rejected.class, r -> assertThat(r.rejection()).isInstanceOf(rejection));
  }

  private static ReviseArticle revise(Patch<String> headline, Patch<String> standfirst) {
    return new ReviseArticle(
        headline, Patch.keep(), standfirst, Patch.keep(), Patch.keep(), "ed", T1);
  }

  @Test
  void publishesAtVersionOneAtNowByDefault() {
    List<ArticleEvent> events =
        decide(
            new PublishArticle("Kop", "https://x.example/a", null, null, null, "ed", T1),
            ArticleState.initial(ARTICLE));
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            ArticlePublished.class, e -> assertThat(e.publishedAt()).isEqualTo(T1));
    assertThat(published().version()).isEqualTo(1);
  }

  @Test
  void publishingTwiceIsAConflict() {
    assertRejected(
        ArticleDecider.decide(
            new PublishArticle("Kop", "https://x.example/a", null, null, null, "ed", T1),
            published()),
        Conflict.class);
  }

  @Test
  void aRevisionCarriesTheCompleteNewValuesAndKeepsWhatWasNotSent() {
    assertThat(decide(revise(Patch.set("Nieuwe kop"), Patch.set(null)), published()))
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
    assertThat(decide(revise(Patch.set("Kop"), Patch.keep()), published())).isEmpty();
  }

  @Test
  void revisingAnUnknownArticleIsNotFound() {
    assertRejected(
        ArticleDecider.decide(revise(Patch.set("x"), Patch.keep()), ArticleState.initial(ARTICLE)),
        NotFound.class);
    assertThat(ArticleDecider.refuseUnlessPublished(ArticleState.initial(ARTICLE)))
        .contains(new NotFound("article", ARTICLE));
    assertThat(ArticleDecider.refuseUnlessPublished(published())).isEmpty();
  }
}
