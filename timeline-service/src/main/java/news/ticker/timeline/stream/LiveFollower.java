package news.ticker.timeline.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.Topics;
import news.ticker.platform.kafka.KafkaClients;
import news.ticker.timeline.TimelineConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's own follower of every partition of {@code ticker.story-events}, outside the
 * consumer group: an SSE client may be connected here while its story is projected by another
 * replica. It starts at the end (clients catch up from the change log, not from Kafka), reads only
 * the key and the {@code ce_streamversion} header of each record, and tells the {@link LiveFanOut}
 * that the story moved on. It commits nothing and has no group, so replicas do not disturb each
 * other or the projection.
 */
@ApplicationScoped
public class LiveFollower {

  private static final Logger LOG = Logger.getLogger(LiveFollower.class);

  @Inject LiveFanOut fanOut;
  @Inject TimelineConfig config;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @ConfigProperty(name = "quarkus.application.name", defaultValue = "timeline-service")
  String applicationName;

  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  void start(@Observes StartupEvent event) {
    if (!config.live().enabled()) {
      LOG.info("live follower disabled: SSE clients here get only this replica's projection");
      return;
    }
    running = true;
    thread = new Thread(this::run, "timeline-live-follower");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties())) {
        consumer = kafka;
        List<TopicPartition> partitions = partitions(kafka);
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position); // resolve "end" now, not at the first poll
        LOG.infof(
            "live follower reads %d partitions of %s", partitions.size(), Topics.STORY_EVENTS);
        while (running) {
          for (ConsumerRecord<String, byte[]> record : kafka.poll(config.live().pollTimeout())) {
            dispatch(record);
          }
        }
      } catch (WakeupException e) {
        // shutting down
      } catch (RuntimeException e) {
        if (running) {
          LOG.warnf("live follower restarts after: %s", e.toString());
          pause();
        }
      } finally {
        consumer = null;
      }
    }
  }

  private void dispatch(ConsumerRecord<String, byte[]> record) {
    Header version = record.headers().lastHeader(CloudEventHeaders.STREAM_VERSION);
    if (record.key() == null || version == null) {
      return;
    }
    try {
      fanOut.seen(
          UUID.fromString(record.key()),
          Long.parseLong(new String(version.value(), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      // Not a story event the projection could place either; the dead-letter path deals with it.
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
    while (running) {
      List<PartitionInfo> infos = kafka.partitionsFor(Topics.STORY_EVENTS, Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      LOG.warnf("topic %s not found yet; waiting", Topics.STORY_EVENTS);
      pause();
    }
    throw new WakeupException();
  }

  private Map<String, Object> properties() {
    Map<String, Object> props =
        KafkaClients.rawConsumer(kafkaConfig, applicationName + "-live-" + UUID.randomUUID());
    // Only headers and keys matter here; small fetches keep the latency low.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    return props;
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
