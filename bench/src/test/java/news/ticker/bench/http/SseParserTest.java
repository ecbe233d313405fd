package news.ticker.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  record Frame(String event, String id, int bytes, String data) {}

  private final List<Frame> frames = new ArrayList<>();
  private int comments;
  private final List<String> positions = new ArrayList<>();

  private SseParser parser(boolean keep) {
    return new SseParser(
        new SseParser.Listener() {
          @Override
          public void onFrame(String event, String id, int dataBytes, String data) {
            frames.add(new Frame(event, id, dataBytes, data));
          }

          @Override
          public void onComment() {
            comments++;
          }

          @Override
          public void onPosition(String id) {
            positions.add(id);
          }
        },
        keep);
  }

  private static final String STREAM =
      ": heartbeat\n\n"
          + "event: update-posted\nid: 7\ndata: {\"version\":7,\"text\":\"Oekraïne 🙂\"}\n\n"
          + "event:update-edited\r\nid:8\r\ndata: line one\r\ndata: line two\r\n\r\n"
          + "retry: 2000\rid: 9\rdata:x\r\r"
          + "id: 10\n\n"
          + "data: no event name\n\n";

  @Test
  void parsesFramesWithEveryLineEnding() {
    SseParser p = parser(true);
    p.feed(STREAM.getBytes(StandardCharsets.UTF_8));
    assertThat(frames)
        .containsExactly(
            new Frame(
                "update-posted",
                "7",
                "{\"version\":7,\"text\":\"Oekraïne 🙂\"}".getBytes(StandardCharsets.UTF_8).length,
                "{\"version\":7,\"text\":\"Oekraïne 🙂\"}"),
            new Frame("update-edited", "8", "line one\nline two".length(), "line one\nline two"),
            new Frame("message", "9", 1, "x"),
            new Frame("message", null, "no event name".length(), "no event name"));
    assertThat(comments).isEqualTo(1);
    assertThat(p.frames()).isEqualTo(4);
  }

  @Test
  void anIdWithoutDataIsAPositionNotAFrame() {
    SseParser p = parser(true);
    p.feed(STREAM.getBytes(StandardCharsets.UTF_8));
    assertThat(positions).containsExactly("10");
    assertThat(frames).extracting(Frame::id).doesNotContain("10");
  }

  @Test
  void anySplitOfTheBytesGivesTheSameFrames() {
    byte[] all = STREAM.getBytes(StandardCharsets.UTF_8);
    SseParser whole = parser(true);
    whole.feed(all);
    List<Frame> expected = new ArrayList<>(frames);
    for (int split = 1; split < all.length; split++) {
      frames.clear();
      SseParser p = parser(true);
      p.feed(all, 0, split);
      p.feed(all, split, all.length - split);
      assertThat(frames).as("split at %d", split).isEqualTo(expected);
    }
    frames.clear();
    SseParser p = parser(true);
    for (byte b : all) {
      p.feed(new byte[] {b});
    }
    assertThat(frames).isEqualTo(expected);
  }

  @Test
  void withoutKeepingDataLongLinesAreOnlyCounted() {
    String big = "x".repeat(5000);
    SseParser p = parser(false);
    p.feed(
        ("event: update-posted\nid: 12345\ndata: " + big + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(frames).containsExactly(new Frame("update-posted", "12345", 5000, null));
  }
}
