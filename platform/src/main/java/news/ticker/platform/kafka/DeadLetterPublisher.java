package news.ticker.platform.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes one consumed record to a dead-letter topic, as SmallRye's {@code dead-letter-queue}
 * failure strategy would: same key and value, its headers plus {@code dead-letter-reason}, {@code
 * -topic}, {@code -partition} and {@code -offset}. A batched channel needs it: it cannot fail one
 * record of a poll without failing the others, so it sends its poison records itself.
 */
public final class DeadLetterPublisher {

  private DeadLetterPublisher() {}

  /** Completes once the dead-letter topic acknowledged the record; fails if it refused it. */
  public static Uni<Void> publish(
      Emitter<byte[]> deadLetterTopic, ConsumerRecord<String, byte[]> record, String reason) {
    Message<byte[]> message =
        Message.of(record.value() == null ? new byte[0] : record.value())
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key())
                    .withHeaders(headers(record, reason))
                    .build());
    return Uni.createFrom()
        .emitter(
            emitter ->
                deadLetterTopic.send(
                    message
                        .withAck(
                            () -> {
                              emitter.complete(null);
                              return CompletableFuture.completedFuture(null);
                            })
                        .withNack(
                            failure -> {
                              emitter.fail(failure);
                              return CompletableFuture.completedFuture(null);
                            })));
  }

  /** The record's headers with the four that say where it came from and why it is here. */
  static Headers headers(ConsumerRecord<String, byte[]> record, String reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add("dead-letter-reason", utf8(reason));
    headers.add("dead-letter-topic", utf8(record.topic()));
    headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
    headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
    return headers;
  }

  private static byte[] utf8(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }
}
