package news.ticker.analysis.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.ticker.analysis.analysis.AnalysisDecider.Change;
import news.ticker.analysis.analysis.AnalysisDecider.Context;
import news.ticker.analysis.analysis.AnalysisDecider.Decision;
import news.ticker.analysis.analysis.AnalysisDecider.Rejected;
import news.ticker.analysis.analysis.AnalysisDecider.State;
import news.ticker.analysis.analysis.AnalysisDecider.Unchanged;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.analysis.content.ReadingMetrics;
import news.ticker.events.AnalysisEvent.AnalysisPublished;
import news.ticker.events.AnalysisEvent.AnalysisRevised;
import news.ticker.events.AnalysisEvent.AnalysisWithdrawn;
import news.ticker.events.Ids;
import news.ticker.platform.decision.Rejection.Conflict;
import org.junit.jupiter.api.Test;

class AnalysisDeciderTest {

  static final UUID ID = Ids.newId();
  static final UUID STORY = Ids.newId();
  static final UUID ANCHOR = Ids.newId();
  static final Instant NOW = Instant.parse("2025-11-27T10:15:30.123456Z");
  static final Context CONTEXT =
      new Context("test-editor", NOW, "https://ticker.news/api/v1/analyses/" + ID);
  static final AnalysisContent CONTENT =
      new AnalysisContent(
          "Title", "Standfirst", "<p>Body</p>", List.of("Anna"), "nl", new ReadingMetrics(1, 1));
  static final AnalysisContent OTHER =
      new AnalysisContent(
          "Other", null, "<p>Other body</p>", List.of(), "en", new ReadingMetrics(2, 1));

  static State state(AnalysisStatus status, long version) {
    return new State(
        ID, STORY, ANCHOR, CONTENT, status, version, false, status != AnalysisStatus.DRAFT);
  }

  static State redacted(AnalysisStatus status, long version, boolean everPublished) {
    return new State(ID, STORY, ANCHOR, null, status, version, true, everPublished);
  }

  @Test
  void redactingAPublishedAnalysisAnnouncesItWithThePublicNote() {
    var redaction =
        AnalysisDecider.redact(
                state(AnalysisStatus.PUBLISHED, 3), "Removed by court order", CONTEXT)
            .orElseThrow();
    assertThat(redaction.version()).isEqualTo(4);
    assertThat(redaction.event())
        .contains(
            new news.ticker.events.AnalysisEvent.AnalysisRedacted(
                ID, STORY, "Removed by court order", "test-editor", NOW));
  }

  @Test
  void redactingANeverPublishedDraftAnnouncesNothing() {
    var redaction =
        AnalysisDecider.redact(state(AnalysisStatus.DRAFT, 2), "court", CONTEXT).orElseThrow();
    assertThat(redaction.version()).isEqualTo(3);
    assertThat(redaction.event()).isEmpty();
  }

  @Test
  void redactingARedactedAnalysisChangesNothingAndNothingElseMayChangeIt() {
    State redacted = redacted(AnalysisStatus.PUBLISHED, 4, true);
    assertThat(AnalysisDecider.redact(redacted, "again", CONTEXT)).isEmpty();
    for (Decision refused :
        List.of(
            AnalysisDecider.revise(redacted, OTHER, CONTEXT),
            AnalysisDecider.publish(redacted(AnalysisStatus.WITHDRAWN, 5, true), CONTEXT),
            AnalysisDecider.unpublish(redacted, CONTEXT))) {
      assertThat(refused)
          .isEqualTo(
              new Rejected(
                  new Conflict(
                      "analysis " + ID + " was redacted: its texts were removed for good")));
    }
  }

  @Test
  void revisingADraftChangesItSilently() {
    Change change = (Change) AnalysisDecider.revise(state(AnalysisStatus.DRAFT, 1), OTHER, CONTEXT);

    assertThat(change.version()).isEqualTo(2);
    assertThat(change.status()).isEqualTo(AnalysisStatus.DRAFT);
    assertThat(change.contentRevised()).isTrue();
    assertThat(change.event()).isEmpty();
  }

  @Test
  void revisingAPublishedAnalysisAnnouncesTheNewMetadata() {
    Change change =
        (Change) AnalysisDecider.revise(state(AnalysisStatus.PUBLISHED, 3), OTHER, CONTEXT);

    assertThat(change.version()).isEqualTo(4);
    assertThat(change.event())
        .contains(
            new AnalysisRevised(
                ID,
                STORY,
                ANCHOR,
                "Other",
                null,
                List.of(),
                "en",
                2,
                1,
                CONTEXT.link(),
                "test-editor",
                NOW));
  }

  @Test
  void theSameContentAgainChangesNothing() {
    assertThat(AnalysisDecider.revise(state(AnalysisStatus.PUBLISHED, 3), CONTENT, CONTEXT))
        .isInstanceOf(Unchanged.class);
  }

  @Test
  void publishingADraftOrAWithdrawnAnalysisAnnouncesIt() {
    for (AnalysisStatus status : List.of(AnalysisStatus.DRAFT, AnalysisStatus.WITHDRAWN)) {
      Change change = (Change) AnalysisDecider.publish(state(status, 5), CONTEXT);

      assertThat(change.status()).isEqualTo(AnalysisStatus.PUBLISHED);
      assertThat(change.version()).isEqualTo(6);
      assertThat(change.contentRevised()).isFalse();
      assertThat(change.event())
          .contains(
              new AnalysisPublished(
                  ID,
                  STORY,
                  ANCHOR,
                  "Title",
                  "Standfirst",
                  List.of("Anna"),
                  "nl",
                  1,
                  1,
                  CONTEXT.link(),
                  "test-editor",
                  NOW));
    }
  }

  @Test
  void publishingAPublishedAnalysisChangesNothing() {
    assertThat(AnalysisDecider.publish(state(AnalysisStatus.PUBLISHED, 2), CONTEXT))
        .isInstanceOf(Unchanged.class);
  }

  @Test
  void withdrawingAnnouncesItOnceAndNeverForADraft() {
    Change change = (Change) AnalysisDecider.unpublish(state(AnalysisStatus.PUBLISHED, 2), CONTEXT);
    assertThat(change.status()).isEqualTo(AnalysisStatus.WITHDRAWN);
    assertThat(change.version()).isEqualTo(3);
    assertThat(change.event()).contains(new AnalysisWithdrawn(ID, STORY, "test-editor", NOW));

    assertThat(AnalysisDecider.unpublish(state(AnalysisStatus.WITHDRAWN, 3), CONTEXT))
        .isInstanceOf(Unchanged.class);
    assertThat(AnalysisDecider.unpublish(state(AnalysisStatus.DRAFT, 1), CONTEXT))
        .isEqualTo(
            new Rejected(new Conflict("analysis " + ID + " is a draft that was never published")));
  }
}
