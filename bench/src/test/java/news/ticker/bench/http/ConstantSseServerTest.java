package news.ticker.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantSseServerTest {

  record Frame(String event, String id, int bytes, String data) {}

  private final List<Frame> frames = new ArrayList<>();
  private int comments;

  private final SseParser parser =
      new SseParser(
          new SseParser.Listener() {
            @Override
            public void onFrame(String event, String id, int dataBytes, String data) {
              frames.add(new Frame(event, id, dataBytes, data));
            }

            @Override
            public void onComment() {
              comments++;
            }
          },
          true);

  @Test
  void aFrameReadsAsTheTimelinesFramesDo() {
    String data = ConstantSseServer.data(300);
    parser.feed(ConstantSseServer.opening());
    parser.feed(ConstantSseServer.frame(41, ConstantSseServer.EVENT, data));
    parser.feed(ConstantSseServer.HEARTBEAT);
    parser.feed(ConstantSseServer.frame(42, ConstantSseServer.EVENT, data));
    assertThat(frames)
        .containsExactly(
            new Frame("update-posted", "41", 300, data),
            new Frame("update-posted", "42", 300, data));
    assertThat(comments).isEqualTo(2);
  }

  @Test
  void aFrameIsIdEventDataAndABlankLine() {
    assertThat(
            new String(ConstantSseServer.frame(7, "update-posted", "{}"), StandardCharsets.UTF_8))
        .isEqualTo("id: 7\nevent: update-posted\ndata: {}\n\n");
    assertThatThrownBy(() -> ConstantSseServer.frame(7, "e", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDataIsOneLineOfJsonOfTheAskedSize() throws Exception {
    for (int size : new int[] {12, 100, 1_234}) {
      String data = ConstantSseServer.data(size);
      assertThat(data.getBytes(StandardCharsets.UTF_8)).hasSize(size);
      assertThat(data).doesNotContain("\n");
      assertThat(new ObjectMapper().readTree(data).isObject()).isTrue();
    }
    assertThat(ConstantSseServer.data(1)).hasSize(12);
  }

  @Test
  void theOpeningCommentCarriesTheTimelinesRetryHint() {
    assertThat(new String(ConstantSseServer.opening(), StandardCharsets.UTF_8))
        .startsWith(":")
        .contains("\nretry: 2000\n")
        .endsWith("\n\n");
  }

  @Test
  void aPublishReplyNamesItsFrameByEtag() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("ETag", "\"17\"");
    assertThat(ConstantSse.id(new Http.Reply(201, headers, null, 0, 1))).isEqualTo(17);
    assertThat(ConstantSse.id(new Http.Reply(500, headers, null, 0, 1))).isEqualTo(-1);
    assertThat(ConstantSse.id(new Http.Reply(201, MultiMap.caseInsensitiveMultiMap(), null, 0, 1)))
        .isEqualTo(-1);
  }
}
