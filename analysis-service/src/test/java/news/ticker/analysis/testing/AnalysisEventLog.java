package news.ticker.analysis.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@code ticker.analysis-events} from the moment it is opened, as a downstream consumer would
 * (no consumer group: every partition assigned, starting at its end).
 */
public final class AnalysisEventLog implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<Received> received = new ArrayList<>();

  /** A record as it arrived: key, headers by name, value. */
  public record Received(String key, Map<String, String> headers, String value) {

    public String type() {
      return headers.get("ce_type");
    }
  }

  private AnalysisEventLog(KafkaConsumer<String, String> consumer) {
    this.consumer = consumer;
  }

  public static AnalysisEventLog openAtEnd() {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions =
        IntStream.range(0, Topics.PARTITIONS)
            .mapToObj(p -> new TopicPartition(Topics.ANALYSIS_EVENTS, p))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end offsets now, not at the first poll
    return new AnalysisEventLog(consumer);
  }

  /** Everything received so far for one analysis, in order, after polling for news. */
  public synchronized List<Received> of(UUID analysisId) {
    poll();
    return received.stream().filter(r -> analysisId.toString().equals(r.key())).toList();
  }

  /** Everything received so far matching the filter. */
  public synchronized List<Received> matching(Predicate<Received> filter) {
    poll();
    return received.stream().filter(filter).toList();
  }

  private void poll() {
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (Header header : record.headers()) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
      received.add(new Received(record.key(), headers, record.value()));
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
