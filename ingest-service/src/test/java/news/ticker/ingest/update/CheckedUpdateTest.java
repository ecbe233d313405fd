package news.ticker.ingest.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.story.StoryCommand.NewUpdate;
import news.ticker.ingest.write.RequestChecks;
import news.ticker.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class CheckedUpdateTest {

  @Test
  void cleansTheFieldsOfANewUpdateAndLeavesMissingFlagsFalse() {
    RequestChecks checks = new RequestChecks();
    CheckedUpdate update =
        CheckedUpdate.check(
            checks,
            new PostUpdateRequest(
                "<p>Eerste <script>x</script>uitslag</p>",
                "<b>MFK</b> ligt voor",
                List.of("Ellen", "Ellen"),
                null,
                true,
                "2025-03-19T21:14:00-04:00"),
            1_000);

    assertThat(checks.errors()).isEmpty();
    assertThat(update.headline()).isEqualTo("MFK ligt voor");
    assertThat(update.body()).doesNotContain("script");
    assertThat(update.authors()).containsExactly("Ellen");
    assertThat(update.publishedAt()).isEqualTo(Instant.parse("2025-03-20T01:14:00Z"));
    assertThat(update.keyEvent()).isFalse();
    assertThat(update.pinned()).isTrue();
  }

  @Test
  void namesEveryFieldAtFaultInTheOrderOfAPost() {
    RequestChecks checks = new RequestChecks();
    CheckedUpdate.check(
        checks,
        new PostUpdateRequest(null, "x".repeat(301), List.of(" "), null, null, "gisteren"),
        1_000);

    assertThat(checks.errors())
        .extracting(FieldError::field)
        .containsExactly("body", "headline", "authors[0]", "publishedAt");
  }

  @Test
  void sealsTheTextsUnderTheUpdatesKeyAndKeepsTheRest() {
    RequestChecks checks = new RequestChecks();
    CheckedUpdate update =
        CheckedUpdate.check(
            checks, new PostUpdateRequest("<p>Tekst</p>", null, null, false, null, null), 1_000);
    UpdateKey key = UpdateKey.create(UUID.randomUUID(), UUID.randomUUID(), Instant.EPOCH);

    NewUpdate sealed = update.sealedWith(key);

    assertThat(sealed.headline()).isNull();
    assertThat(sealed.body()).isNotNull();
    assertThat(sealed.body().toString()).doesNotContain("Tekst");
    assertThat(sealed.authors()).isEmpty();
    assertThat(sealed.publishedAt()).isNull();
    assertThat(sealed.keyEvent()).isFalse();
    assertThat(sealed.pinned()).isFalse();
  }
}
