package news.ticker.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One fixed instance of every event type: the examples of the golden files and of docs/events.md.
 */
final class SampleEvents {

  static final UUID STORY = UUID.fromString("0190a3c4-7e2b-7cc1-9f2e-3a4b5c6d7e8f");
  static final UUID UPDATE = UUID.fromString("0190a3c5-01aa-7b3c-8d4e-5f6a7b8c9d0e");
  static final UUID ARTICLE = UUID.fromString("0190a3c6-1111-7222-8333-444455556666");
  static final UUID ANALYSIS = UUID.fromString("0190a3c7-aaaa-7bbb-8ccc-ddddeeeeffff");
  static final Instant AT = Instant.parse("2022-02-27T14:05:00Z");
  static final String EDITOR = "editor@newsroom";
  static final String REPORTER = "reporter@newsroom";

  static final SealedText HEADLINE =
      new SealedText(
          UPDATE.toString(), "q83vEjRWeJq83vEj", "3q2+7w7eFZxm5q0n0oQh9i1z1c7Uu4dIuZ1Yx8h3");
  static final SealedText BODY =
      new SealedText(
          UPDATE.toString(), "AAECAwQFBgcICQoL", "p7b1f2bTuM9mJ0kX8r2u5w6Q8d4lq3H9v0c1N7x2yZw=");
  static final SealedText NOTE =
      new SealedText(UPDATE.toString(), "DA0ODxAREhMUFRYX", "Z3Jvb3QgZ2V0cmFjaHQgaW4gZGUgdGVrc3Q=");

  static final List<Event> ALL =
      List.of(
          new StoryEvent.StoryOpened(
              STORY,
              "Live updates: Rusland valt Oekraïne binnen",
              "rusland-valt-oekraine-binnen",
              "Koninkrijksrelaties",
              "nl",
              "Het toneel is klaar voor een ontmoeting tussen Rusland en Oekraïne.",
              List.of("oekraine", "rusland"),
              "https://news.example/live/rusland-valt-oekraine-binnen",
              AT,
              EDITOR,
              AT),
          new StoryEvent.StoryChanged(
              STORY,
              "Live updates: Rusland valt Oekraïne binnen",
              "Buitenland",
              "Delegaties ontmoeten elkaar maandag aan de grens.",
              List.of("oekraine"),
              "https://news.example/live/rusland-valt-oekraine-binnen",
              EDITOR,
              AT.plusSeconds(60)),
          new StoryEvent.StoryClosed(STORY, AT.plusSeconds(86_400), EDITOR, AT.plusSeconds(86_400)),
          new StoryEvent.UpdatePosted(
              STORY,
              UPDATE,
              HEADLINE,
              BODY,
              List.of("Anna de Vries"),
              true,
              false,
              AT.minusSeconds(300),
              null,
              REPORTER,
              AT.plusSeconds(120)),
          new StoryEvent.UpdateEdited(
              STORY,
              UPDATE,
              HEADLINE,
              BODY,
              List.of("Anna de Vries"),
              REPORTER,
              AT.plusSeconds(180)),
          new StoryEvent.UpdateCorrected(
              STORY,
              UPDATE,
              HEADLINE,
              BODY,
              List.of("Anna de Vries"),
              NOTE,
              EDITOR,
              AT.plusSeconds(240)),
          new StoryEvent.UpdateRetracted(
              STORY, UPDATE, "Posted to the wrong story", EDITOR, AT.plusSeconds(300)),
          new StoryEvent.UpdatePinned(STORY, UPDATE, EDITOR, AT.plusSeconds(360)),
          new StoryEvent.UpdateUnpinned(STORY, UPDATE, EDITOR, AT.plusSeconds(420)),
          new StoryEvent.KeyEventMarked(STORY, UPDATE, EDITOR, AT.plusSeconds(480)),
          new StoryEvent.KeyEventUnmarked(STORY, UPDATE, EDITOR, AT.plusSeconds(540)),
          new StoryEvent.RelatedArticleLinked(
              STORY,
              ARTICLE,
              "Keir Starmer waarschuwt dat de herfstbegroting pijnlijk zal zijn",
              "https://news.example/2024/starmer-herfstbegroting",
              "De premier bereidt het land voor op moeilijke keuzes.",
              EDITOR,
              AT.plusSeconds(600)),
          new StoryEvent.RelatedArticleUnlinked(STORY, ARTICLE, EDITOR, AT.plusSeconds(660)),
          new StoryEvent.AnalysisAttached(
              STORY,
              ANALYSIS,
              "Diplomatieke doorbraak of politieke bijzaak?",
              "Wat de ontmoeting aan de grens wel en niet is.",
              9,
              "https://news.example/analyses/" + ANALYSIS,
              UPDATE,
              EDITOR,
              AT.plusSeconds(720)),
          new StoryEvent.AnalysisDetached(STORY, ANALYSIS, EDITOR, AT.plusSeconds(780)),
          new StoryEvent.UpdateRedacted(
              STORY, UPDATE, "Removed by court order", "admin@newsroom", AT.plusSeconds(840)),
          new StoryEvent.AnalysisAttachmentRedacted(
              STORY, ANALYSIS, "Removed by court order", "admin@newsroom", AT.plusSeconds(870)),
          new ArticleEvent.ArticlePublished(
              ARTICLE,
              "Keir Starmer waarschuwt dat de herfstbegroting pijnlijk zal zijn",
              "https://news.example/2024/starmer-herfstbegroting",
              "De premier bereidt het land voor op moeilijke keuzes.",
              "Politiek",
              AT.minusSeconds(3_600),
              EDITOR,
              AT.minusSeconds(3_600)),
          new ArticleEvent.ArticleRevised(
              ARTICLE,
              "Starmer: herfstbegroting wordt pijnlijk",
              "https://news.example/2024/starmer-herfstbegroting",
              "De premier bereidt het land voor op moeilijke keuzes.",
              "Politiek",
              AT.minusSeconds(3_600),
              EDITOR,
              AT.plusSeconds(30)),
          new AnalysisEvent.AnalysisPublished(
              ANALYSIS,
              STORY,
              UPDATE,
              "Diplomatieke doorbraak of politieke bijzaak?",
              "Wat de ontmoeting aan de grens wel en niet is.",
              List.of("Pieter Jansen"),
              "nl",
              1_850,
              9,
              "https://news.example/analyses/" + ANALYSIS,
              EDITOR,
              AT.plusSeconds(700)),
          new AnalysisEvent.AnalysisRevised(
              ANALYSIS,
              STORY,
              UPDATE,
              "Diplomatieke doorbraak of politieke bijzaak?",
              "Wat de ontmoeting aan de grens wel en niet is, en wat Poetin wint.",
              List.of("Pieter Jansen"),
              "nl",
              2_010,
              10,
              "https://news.example/analyses/" + ANALYSIS,
              EDITOR,
              AT.plusSeconds(760)),
          new AnalysisEvent.AnalysisWithdrawn(ANALYSIS, STORY, EDITOR, AT.plusSeconds(800)),
          new AnalysisEvent.AnalysisRedacted(
              ANALYSIS, STORY, "Removed by court order", "admin@newsroom", AT.plusSeconds(860)));

  static final Map<EventType, Event> BY_TYPE =
      ALL.stream().collect(Collectors.toMap(EventCatalog::of, Function.identity()));

  private SampleEvents() {}
}
