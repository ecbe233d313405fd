package news.ticker.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

  @Test
  void aDeadLetterKeepsTheRecordsHeadersAndSaysWhereItCameFromAndWhy() {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("ticker.story-events", 7, 4242L, "story-1", new byte[] {1});
    record
        .headers()
        .add("ce_type", "news.ticker.story-opened.v99".getBytes(StandardCharsets.UTF_8));

    Headers headers = DeadLetterPublisher.headers(record, "UNKNOWN_TYPE: story-opened.v99");

    assertThat(text(headers.lastHeader("ce_type"))).isEqualTo("news.ticker.story-opened.v99");
    assertThat(text(headers.lastHeader("dead-letter-reason")))
        .isEqualTo("UNKNOWN_TYPE: story-opened.v99");
    assertThat(text(headers.lastHeader("dead-letter-topic"))).isEqualTo("ticker.story-events");
    assertThat(text(headers.lastHeader("dead-letter-partition"))).isEqualTo("7");
    assertThat(text(headers.lastHeader("dead-letter-offset"))).isEqualTo("4242");
    assertThat(record.headers().lastHeader("dead-letter-reason"))
        .as("the consumed record is left as it was")
        .isNull();
  }

  private static String text(Header header) {
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
