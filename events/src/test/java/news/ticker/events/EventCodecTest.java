package news.ticker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void unknownAndFutureTypesArePoison() {
    byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decode("news.ticker.update-exploded.v1", data))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_TYPE));
    assertThatThrownBy(() -> codec.decode("news.ticker.update-posted.v2", data))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_TYPE));
    assertThatThrownBy(() -> codec.decode("com.example.thing", data))
        .isInstanceOf(EventDecodingException.class);
  }

  @Test
  void malformedDataIsPoison() {
    for (String bad : List.of("not json", "[1,2]", "{\"storyId\":\"not-a-uuid\"}")) {
      assertThatThrownBy(
              () ->
                  codec.decode(
                      "news.ticker.update-pinned.v1", bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOfSatisfying(
              EventDecodingException.class,
              e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.MALFORMED_DATA));
    }
  }

  @Test
  void olderVersionsAreLiftedByUpcasters() {
    // Pretend update-retracted is at v2 and v1 called the reason "why": the chain must lift old
    // data.
    List<EventType> catalog = new ArrayList<>(EventCatalog.ALL);
    EventType v1 = EventCatalog.of(StoryEvent.UpdateRetracted.class);
    catalog.set(catalog.indexOf(v1), new EventType(v1.name(), 2, v1.javaType(), v1.topic()));
    Upcaster renameWhy =
        new Upcaster(
            "update-retracted",
            1,
            node -> {
              ObjectNode lifted = node.deepCopy();
              lifted.set("reason", lifted.remove("why"));
              return lifted;
            });
    EventCodec evolved = new EventCodec(catalog, List.of(renameWhy));
    String old =
        "{\"storyId\":\"%s\",\"updateId\":\"%s\",\"why\":\"duplicate\",\"actor\":\"ed\",\"occurredAt\":\"%s\"}"
            .formatted(SampleEvents.STORY, SampleEvents.UPDATE, SampleEvents.AT);

    Event event = evolved.decode("news.ticker.update-retracted.v1", old.getBytes());

    assertThat(event)
        .isEqualTo(
            new StoryEvent.UpdateRetracted(
                SampleEvents.STORY, SampleEvents.UPDATE, "duplicate", "ed", SampleEvents.AT));
    assertThatThrownBy(
            () ->
                new EventCodec(catalog, List.of())
                    .decode("news.ticker.update-retracted.v1", old.getBytes()))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("no upcaster");
  }

  @Test
  void envelopeRoundTripsThroughCloudEventsHeaders() {
    Event event = SampleEvents.ALL.get(3);
    EventEnvelope envelope =
        new EventEnvelope(Ids.newId(), "/ticker/ingest", event.occurredAt(), 7, event);

    Map<String, String> headers = CloudEventHeaders.of(envelope);
    EventEnvelope read = CloudEventHeaders.read(headers::get, codec.encode(event), codec);

    assertThat(headers)
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_type", "news.ticker.update-posted.v1")
        .containsEntry("ce_subject", SampleEvents.STORY.toString())
        .containsEntry("ce_streamversion", "7");
    assertThat(read).isEqualTo(envelope);
  }

  @Test
  void missingEnvelopeHeadersAreBadEnvelopes() {
    Event event = SampleEvents.ALL.get(0);
    assertThatThrownBy(() -> CloudEventHeaders.read(name -> null, codec.encode(event), codec))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.BAD_ENVELOPE));
  }
}
