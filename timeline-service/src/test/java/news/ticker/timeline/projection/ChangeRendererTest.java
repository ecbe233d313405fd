package news.ticker.timeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.ContentCipher;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.SealedText;
import news.ticker.events.StoryEvent;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.contentkey.KeyRing;
import news.ticker.timeline.contentkey.MissingContentKeyException;
import news.ticker.timeline.story.StoryFold;
import news.ticker.timeline.support.StoryScript;
import org.junit.jupiter.api.Test;

/** The public rendering of story events: a pure function of the event and its key. */
class ChangeRendererTest {

  private static final Instant AT = Instant.parse("2024-03-01T10:00:00.123456789Z");

  private final StoryScript story = new StoryScript(AT);

  private KeyRing ringWith(UUID updateId) {
    return keyId ->
        keyId.equals(updateId.toString())
            ? new KeyRing.Available(story.key(updateId))
            : new KeyRing.Missing();
  }

  @Test
  void storyOpenedRendersTheHeaderWithoutActor() {
    EventEnvelope opened = story.open("Verkiezingen", "verkiezingen", "Politiek");
    Change change = ChangeRenderer.render(opened, id -> new KeyRing.Missing());

    assertThat(change.type()).isEqualTo("story-opened");
    assertThat(change.version()).isEqualTo(1);
    assertThat(change.updateId()).isNull();
    assertThat(change.keyId()).isNull();
    assertThat(change.recordedAt()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123456Z"));
    ObjectNode data = change.data();
    assertThat(data.path("title").asText()).isEqualTo("Verkiezingen");
    assertThat(data.path("slug").asText()).isEqualTo("verkiezingen");
    assertThat(data.path("status").asText()).isEqualTo("live");
    assertThat(data.path("tags").get(0).asText()).isEqualTo("nieuws");
    assertThat(data.path("coverageStartTime").asText()).isEqualTo("2024-03-01T10:00:00.123456Z");
    assertThat(data.has("actor")).isFalse();
    assertThat(Json.text(change.toJson())).doesNotContain("reporter@newsroom");
  }

  @Test
  void updatePostedRendersTheFullPublicUpdateWithDecryptedAndSanitisedTexts() {
    story.open("Story");
    UUID update = story.newUpdate();
    EventEnvelope posted =
        story.post(
            update,
            "Kop",
            "<p>Tekst<script>alert(1)</script></p>",
            true,
            true,
            Instant.parse("2024-03-01T09:00:00Z"));

    Change change = ChangeRenderer.render(posted, ringWith(update));

    assertThat(change.type()).isEqualTo("update-posted");
    assertThat(change.updateId()).isEqualTo(update);
    assertThat(change.keyId()).isEqualTo(update.toString());
    ObjectNode data = change.data();
    assertThat(data.path("id").asText()).isEqualTo(update.toString());
    assertThat(data.path("headline").asText()).isEqualTo("Kop");
    assertThat(data.path("body").asText()).isEqualTo("<p>Tekst</p>");
    assertThat(data.path("authors").get(0).asText()).isEqualTo("Anna de Vries");
    assertThat(data.path("keyEvent").asBoolean()).isTrue();
    assertThat(data.path("pinned").asBoolean()).isTrue();
    assertThat(data.path("publishedAt").asText()).isEqualTo("2024-03-01T09:00:00Z");
    ObjectNode json = change.toJson();
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("version", "type", "updateId", "recordedAt", "data");
  }

  @Test
  void correctionCarriesTheNote() {
    story.open("Story");
    UUID update = story.newUpdate();
    story.post(update, "Kop", "<p>a</p>");
    Change change =
        ChangeRenderer.render(
            story.correct(update, "Kop 2", "<p>b</p>", "Eerder stond hier a."), ringWith(update));

    assertThat(change.data().path("note").asText()).isEqualTo("Eerder stond hier a.");
    assertThat(change.data().path("headline").asText()).isEqualTo("Kop 2");
  }

  @Test
  void aDestroyedKeyRendersEveryTextRedacted() {
    story.open("Story");
    UUID update = story.newUpdate();
    Change change =
        ChangeRenderer.render(
            story.correct(update, "Kop", "<p>b</p>", "note"), id -> new KeyRing.Destroyed());

    for (String field : List.of("headline", "body", "note")) {
      assertThat(PublicText.isRedacted(change.data().get(field))).as(field).isTrue();
    }
    assertThat(change.data().path("authors").size()).isEqualTo(1);
  }

  @Test
  void aMissingKeyIsReportedNotGuessed() {
    story.open("Story");
    UUID update = story.newUpdate();
    EventEnvelope posted = story.post(update, "Kop", "<p>a</p>");

    assertThatThrownBy(() -> ChangeRenderer.render(posted, id -> new KeyRing.Missing()))
        .isInstanceOf(MissingContentKeyException.class)
        .extracting(e -> ((MissingContentKeyException) e).keyId())
        .isEqualTo(update.toString());
  }

  @Test
  void aWrongKeyOrTextsUnderSeveralKeysArePoison() {
    story.open("Story");
    UUID update = story.newUpdate();
    EventEnvelope posted = story.post(update, "Kop", "<p>a</p>");
    byte[] otherKey = ContentCipher.newKey();
    assertThatThrownBy(() -> ChangeRenderer.render(posted, id -> new KeyRing.Available(otherKey)))
        .isInstanceOf(EventDecodingException.class);

    UUID other = Ids.newId();
    SealedText foreign = ContentCipher.seal(other.toString(), otherKey, "x");
    StoryEvent.UpdatePosted mixed =
        new StoryEvent.UpdatePosted(
            story.storyId,
            update,
            ContentCipher.seal(update.toString(), story.key(update), "Kop"),
            foreign,
            List.of(),
            false,
            false,
            AT,
            null,
            "a",
            AT);
    EventEnvelope envelope = new EventEnvelope(Ids.newId(), "/ticker/ingest", AT, 3, mixed);
    KeyRing both =
        id -> new KeyRing.Available(id.equals(other.toString()) ? otherKey : story.key(update));
    assertThatThrownBy(() -> ChangeRenderer.render(envelope, both))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("different keys");
  }

  @Test
  void everyStoryEventTypeRendersAndFolds() {
    UUID update = story.newUpdate();
    UUID second = story.newUpdate();
    UUID article = Ids.newId();
    UUID analysis = Ids.newId();
    List<EventEnvelope> events =
        List.of(
            story.open("Story"),
            story.change("Story 2", "Nieuw"),
            story.post(update, "Een", "<p>1</p>", false, false, AT),
            story.post(second, "Twee", "<p>2</p>", false, false, AT.plusSeconds(5)),
            story.edit(update, "Een!", "<p>1!</p>"),
            story.correct(update, "Een!!", "<p>1!!</p>", "fout"),
            story.pin(update),
            story.unpin(update),
            story.pin(second),
            story.markKeyEvent(update),
            story.unmarkKeyEvent(update),
            story.markKeyEvent(second),
            story.linkArticle(article, "Lees ook"),
            story.unlinkArticle(article),
            story.linkArticle(article, "Lees ook weer"),
            story.attachAnalysis(analysis, "Analyse", second),
            story.retract(update),
            story.detachAnalysis(analysis),
            story.attachAnalysis(analysis, "Analyse 2", second),
            story.close());
    Map<String, byte[]> keys =
        Map.of(update.toString(), story.key(update), second.toString(), story.key(second));
    StoryFold fold = new StoryFold(story.storyId);
    for (EventEnvelope envelope : events) {
      Change change =
          ChangeRenderer.render(
              envelope,
              id ->
                  keys.containsKey(id)
                      ? new KeyRing.Available(keys.get(id))
                      : new KeyRing.Missing());
      assertThat(change.type()).isEqualTo(envelope.type().name());
      fold.apply(change);
    }

    var header = fold.header(false);
    assertThat(header.title()).isEqualTo("Story 2");
    assertThat(header.status()).isEqualTo("closed");
    assertThat(header.version()).isEqualTo(events.size());
    assertThat(header.updateCount()).isEqualTo(1);
    assertThat(header.pinnedUpdate().id()).isEqualTo(second);
    assertThat(header.keyEvents()).extracting(k -> k.id()).containsExactly(second);
    assertThat(header.relatedArticles())
        .extracting(r -> r.headline())
        .containsExactly("Lees ook weer");
    assertThat(header.analyses()).extracting(a -> a.title()).containsExactly("Analyse 2");
    assertThat(fold.feed()).extracting(u -> u.id()).containsExactly(second);
    assertThat(fold.feed().get(0).analysis().title()).isEqualTo("Analyse 2");
    var history = fold.updateWithHistory(update).orElseThrow();
    assertThat(history.update().retracted()).isTrue();
    assertThat(history.revisions())
        .extracting(r -> r.kind())
        .containsExactly("posted", "edited", "corrected", "retracted");
    assertThat(history.revisions().get(2).note().asText()).isEqualTo("fout");
    JsonNode json = Json.MAPPER.valueToTree(header);
    assertThat(json.path("pinnedUpdate").path("headline").asText()).isEqualTo("Twee");
    assertThat(Json.text(history)).contains("\"revisions\"");
  }
}
