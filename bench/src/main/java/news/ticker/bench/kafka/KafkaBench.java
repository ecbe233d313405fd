package news.ticker.bench.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import news.ticker.bench.measure.Latencies;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka side of the bench: scratch topics for the limits (prefix {@value #SCRATCH_PREFIX},
 * deleted after use), raw produce → consume latency, raw producer throughput, a bare consumer
 * reading a topic, topic sizes and consumer-group lag.
 */
public final class KafkaBench implements AutoCloseable {

  public static final String SCRATCH_PREFIX = "ticker-bench.";

  private final String bootstrap;
  private final Admin admin;

  public KafkaBench(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ticker-bench-admin");
    this.admin = Admin.create(p);
  }

  /**
   * A producer with the settings of the services' outbox relay (OutboxRelay): acks=all, idempotent,
   * five requests in flight, linger 1 ms.
   */
  public KafkaProducer<String, byte[]> relayLikeProducer(String clientId) {
    return new KafkaProducer<>(relayLikeProperties(bootstrap, clientId));
  }

  /** The relay-like producer's settings (see {@link #relayLikeProducer}). */
  static Properties relayLikeProperties(String bootstrap, String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }

  /** A producer for bulk seeding: acks=all, idempotent, larger batches. */
  public KafkaProducer<String, byte[]> bulkProducer(String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaProducer<>(p);
  }

  public KafkaConsumer<byte[], byte[]> bareConsumer(String clientId, int maxPollRecords) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaConsumer<>(p);
  }

  /** Creates a scratch topic (deleting a leftover of the same name first). */
  public String createScratchTopic(String suffix, int partitions) throws Exception {
    String name = SCRATCH_PREFIX + suffix;
    deleteScratchTopic(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        admin
            .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
            .all()
            .get(20, TimeUnit.SECONDS);
        break;
      } catch (ExecutionException e) {
        // a deletion may still be in progress
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
    // wait for metadata to show every partition with a leader
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription d =
            admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name);
        if (d.partitions().size() == partitions
            && d.partitions().stream().allMatch(p -> p.leader() != null)) {
          warm(name, partitions, deadline);
          return name;
        }
      } catch (ExecutionException e) {
        // not there yet
      }
      Thread.sleep(200);
    }
    return name;
  }

  /**
   * Writes one record to every partition and waits for the acknowledgements, so that a measurement
   * never pays for partitions the broker is still setting up.
   */
  private void warm(String topic, int partitions, long deadlineNanos) throws InterruptedException {
    try (KafkaProducer<String, byte[]> producer = relayLikeProducer("ticker-bench-warm")) {
      for (int p = 0; p < partitions; p++) {
        while (true) {
          try {
            producer
                .send(new ProducerRecord<>(topic, p, "warm", new byte[1]))
                .get(10, TimeUnit.SECONDS);
            break;
          } catch (ExecutionException | TimeoutException e) {
            if (System.nanoTime() > deadlineNanos) {
              return; // measure anyway; errors will show
            }
            Thread.sleep(200);
          }
        }
      }
    }
  }

  public void deleteScratchTopic(String name) {
    if (!name.startsWith(SCRATCH_PREFIX)) {
      throw new IllegalArgumentException("only scratch topics are deleted, not " + name);
    }
    try {
      if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(name)) {
        admin.deleteTopics(List.of(name)).all().get(20, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // best effort: a leftover scratch topic is deleted by the next run
    }
  }

  /**
   * What a produce → consume latency run measured.
   *
   * @param endToEnd from each record's intended send time (its slot in the schedule) until the
   *     consumer polled it
   * @param acks from the intended send time until the broker acknowledged it (acks=all)
   * @param endToEndFromSend from the actual {@code send()} call until the consumer polled it:
   *     beside {@code endToEnd}, it shows how much of a latency was the producer falling behind
   *     schedule
   * @param lateSends records whose {@code send()} was called more than 1 ms after their slot
   */
  public record LatencyOutcome(
      Latencies endToEnd,
      Latencies acks,
      long sent,
      long received,
      int payloadBytes,
      Latencies endToEndFromSend,
      long lateSends) {}

  /** A record sent this long after its slot counts as late. */
  static final long LATE_SEND_NANOS = 1_000_000L;

  /**
   * The slot of the {@code index}-th record of an open-loop schedule at {@code rate} per second
   * from {@code startNanos}: computed from the index, so that rounding never drifts.
   */
  static long intendedNanos(long startNanos, double rate, long index) {
    return startNanos + (long) (index * 1e9 / rate);
  }

  /**
   * Sends {@code rate} records per second for {@code windowMillis} (relay-like producer: acks=all,
   * idempotent) on an open-loop schedule, each record at its slot whatever is still unacknowledged,
   * and measures each one from its intended send time (its slot, not the moment {@code send()} was
   * called: a producer that falls behind is charged for it, as a writer's client would be) until a
   * consumer on the same broker polled it.
   */
  public LatencyOutcome produceConsumeLatency(
      byte[] payload, int rate, long windowMillis, long graceMillis, LongConsumer progress)
      throws Exception {
    String topic = createScratchTopic("latency", 1);
    try (KafkaProducer<String, byte[]> producer = relayLikeProducer("ticker-bench-latency-p");
        KafkaConsumer<byte[], byte[]> consumer = bareConsumer("ticker-bench-latency-c", 500)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToEnd(List.of(tp));
      consumer.position(tp);
      int max = (int) (rate * windowMillis / 1000) + 10;
      AtomicLongArray intendedAt = new AtomicLongArray(max);
      AtomicLongArray sentAt = new AtomicLongArray(max);
      Latencies endToEnd = new Latencies();
      Latencies fromSend = new Latencies();
      Latencies acks = new Latencies();
      AtomicLong late = new AtomicLong();
      AtomicLong received = new AtomicLong();
      AtomicLong sentCount = new AtomicLong();
      AtomicReference<Throwable> error = new AtomicReference<>();
      Thread poller =
          new Thread(
              () -> {
                long stopAt = Long.MAX_VALUE;
                while (System.nanoTime() < stopAt) {
                  ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                  long now = System.nanoTime();
                  for (ConsumerRecord<byte[], byte[]> r : records) {
                    Header h = r.headers().lastHeader("bench-seq");
                    if (h != null) {
                      int seq = ByteBuffer.wrap(h.value()).getInt();
                      if (seq < max && sentAt.get(seq) != 0) {
                        endToEnd.recordNanos(now - intendedAt.get(seq));
                        fromSend.recordNanos(now - sentAt.get(seq));
                      }
                      received.incrementAndGet();
                    }
                  }
                  if (Thread.currentThread().isInterrupted()) {
                    return;
                  }
                  if (stopAt == Long.MAX_VALUE && sentCount.get() < 0) {
                    stopAt = now + graceMillis * 1_000_000L;
                  }
                  if (sentCount.get() < 0 && received.get() >= -sentCount.get()) {
                    return;
                  }
                }
              },
              "ticker-bench-latency-poller");
      poller.setDaemon(true);
      poller.start();
      long start = System.nanoTime();
      long end = start + windowMillis * 1_000_000L;
      int seq = 0;
      while (seq < max) {
        long due = intendedNanos(start, rate, seq);
        if (due >= end) {
          break;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, "k" + seq, payload);
        r.headers().add("bench-seq", ByteBuffer.allocate(4).putInt(seq).array());
        intendedAt.set(seq, due);
        long t0 = System.nanoTime();
        sentAt.set(seq, t0);
        if (t0 - due > LATE_SEND_NANOS) {
          late.incrementAndGet();
        }
        producer.send(
            r,
            (md, e) -> {
              if (e != null) {
                error.compareAndSet(null, e);
              } else {
                acks.recordNanos(System.nanoTime() - due);
              }
            });
        seq++;
        sentCount.set(seq);
        if (progress != null) {
          progress.accept(System.nanoTime() - start);
        }
      }
      producer.flush();
      sentCount.set(-seq);
      poller.join(graceMillis + 5_000);
      poller.interrupt();
      poller.join(5_000);
      if (error.get() != null) {
        throw new IllegalStateException("send failed: " + error.get(), error.get());
      }
      return new LatencyOutcome(
          endToEnd, acks, seq, received.get(), payload.length, fromSend, late.get());
    } finally {
      deleteScratchTopic(topic);
    }
  }

  /** What a producer throughput run measured. */
  public record ThroughputOutcome(
      long groups, long records, double seconds, long bytes, long failed, String firstError) {
    public double groupsPerSecond() {
      return seconds > 0 ? groups / seconds : 0;
    }

    public double recordsPerSecond() {
      return seconds > 0 ? records / seconds : 0;
    }
  }

  /**
   * Sends groups of records (for example a write's content key and event) as fast as a relay-like
   * producer (acks=all, idempotent) takes them, for {@code windowMillis}, with up to 20,000 records
   * unacknowledged: a closed loop that finds the most the broker acknowledges per second, not a
   * latency. A group counts when all its records are acknowledged.
   */
  public ThroughputOutcome producerThroughput(
      Supplier<List<ProducerRecord<String, byte[]>>> groups,
      long windowMillis,
      LongConsumer progress)
      throws Exception {
    String topic = createScratchTopic("produce", 12);
    try (KafkaProducer<String, byte[]> producer = relayLikeProducer("ticker-bench-produce")) {
      Semaphore inFlight = new Semaphore(20_000);
      AtomicLong ackedGroups = new AtomicLong();
      AtomicLong ackedRecords = new AtomicLong();
      AtomicLong lastAck = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      AtomicReference<Throwable> error = new AtomicReference<>();
      AtomicLong failed = new AtomicLong();
      long start = System.nanoTime();
      long end = start + windowMillis * 1_000_000L;
      while (System.nanoTime() < end && failed.get() < 1_000) {
        List<ProducerRecord<String, byte[]>> group = groups.get();
        AtomicLong remaining = new AtomicLong(group.size());
        for (ProducerRecord<String, byte[]> original : group) {
          ProducerRecord<String, byte[]> r =
              new ProducerRecord<>(
                  topic, null, original.key(), original.value(), original.headers());
          bytes.addAndGet(r.value() == null ? 0 : r.value().length);
          if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new TimeoutException("the broker stopped acknowledging");
          }
          producer.send(
              r,
              (md, e) -> {
                inFlight.release();
                if (e != null) {
                  error.compareAndSet(null, e);
                  failed.incrementAndGet();
                  return;
                }
                ackedRecords.incrementAndGet();
                if (remaining.decrementAndGet() == 0) {
                  ackedGroups.incrementAndGet();
                  lastAck.set(System.nanoTime());
                }
              });
        }
        if (progress != null) {
          progress.accept(System.nanoTime() - start);
        }
      }
      producer.flush();
      if (ackedGroups.get() == 0 && error.get() != null) {
        throw new IllegalStateException("send failed: " + error.get(), error.get());
      }
      double seconds = (lastAck.get() - start) / 1e9;
      return new ThroughputOutcome(
          ackedGroups.get(),
          ackedRecords.get(),
          seconds,
          bytes.get(),
          failed.get(),
          error.get() == null ? null : error.get().toString());
    } finally {
      deleteScratchTopic(topic);
    }
  }

  /** End offsets of every partition of these topics. */
  public Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws Exception {
    return offsets(topics, OffsetSpec.latest());
  }

  public Map<TopicPartition, Long> beginningOffsets(Collection<String> topics) throws Exception {
    return offsets(topics, OffsetSpec.earliest());
  }

  private Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec)
      throws Exception {
    Map<String, TopicDescription> described =
        admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), spec)));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get(20, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /** Records held by a topic now (end minus beginning offsets, summed). */
  public long recordCount(String topic) throws Exception {
    Map<TopicPartition, Long> end = endOffsets(List.of(topic));
    Map<TopicPartition, Long> begin = beginningOffsets(List.of(topic));
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      sum += e.getValue() - begin.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /**
   * Lag of every consumer group that has committed offsets on {@code topic}: end offset minus
   * committed offset, summed over partitions (partitions without a commit count from the start).
   */
  public Map<String, Long> groupLags(String topic) throws Exception {
    Map<TopicPartition, Long> end = endOffsets(List.of(topic));
    Map<TopicPartition, Long> begin = beginningOffsets(List.of(topic));
    Map<String, Long> lags = new HashMap<>();
    Collection<ConsumerGroupListing> groups =
        admin.listConsumerGroups().all().get(20, TimeUnit.SECONDS);
    for (ConsumerGroupListing g : groups) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(g.groupId())
              .partitionsToOffsetAndMetadata()
              .get(20, TimeUnit.SECONDS);
      boolean follows = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(topic));
      if (!follows) {
        continue;
      }
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        long position = c == null ? begin.getOrDefault(e.getKey(), 0L) : c.offset();
        lag += Math.max(0, e.getValue() - position);
      }
      lags.put(g.groupId(), lag);
    }
    return lags;
  }

  /** Lag of the consumer groups that have members now and follow these topics, summed per group. */
  public Map<String, Long> activeLags(List<String> topics) throws Exception {
    Map<String, Long> lags = new java.util.TreeMap<>();
    Collection<ConsumerGroupListing> groups =
        admin.listConsumerGroups().all().get(20, TimeUnit.SECONDS);
    List<String> ids = groups.stream().map(ConsumerGroupListing::groupId).toList();
    if (ids.isEmpty()) {
      return lags;
    }
    Map<String, org.apache.kafka.clients.admin.ConsumerGroupDescription> described =
        admin.describeConsumerGroups(ids).all().get(20, TimeUnit.SECONDS);
    for (String topic : topics) {
      for (Map.Entry<String, Long> e : groupLags(topic).entrySet()) {
        var d = described.get(e.getKey());
        if (d != null && !d.members().isEmpty()) {
          lags.merge(e.getKey(), e.getValue(), Long::sum);
        }
      }
    }
    return lags;
  }

  /** What a bare read of topics from their beginning measured. */
  public record ReadOutcome(
      long records, long bytes, double seconds, long decodeErrors, boolean complete) {
    public double recordsPerSecond() {
      return seconds > 0 ? records / seconds : 0;
    }
  }

  /**
   * Reads these topics from the beginning up to the end offsets of now, with one bare consumer (no
   * group, no commits); optionally decodes each story event with the events module.
   */
  public ReadOutcome bareRead(
      Collection<String> topics, boolean decode, long timeoutMillis, LongConsumer progress)
      throws Exception {
    Map<TopicPartition, Long> end = endOffsets(topics);
    Map<TopicPartition, Long> begin = beginningOffsets(topics);
    long total = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      total += e.getValue() - begin.getOrDefault(e.getKey(), 0L);
    }
    EventCodec codec = new EventCodec();
    try (KafkaConsumer<byte[], byte[]> consumer =
        bareConsumer("ticker-bench-bare-" + UUID.randomUUID(), 5_000)) {
      List<TopicPartition> partitions = new ArrayList<>(end.keySet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Set<TopicPartition> open = new java.util.HashSet<>();
      for (TopicPartition tp : partitions) {
        if (end.get(tp) > begin.getOrDefault(tp, 0L)) {
          open.add(tp);
        }
      }
      long records = 0;
      long bytes = 0;
      long errors = 0;
      long start = System.nanoTime();
      long deadline = start + timeoutMillis * 1_000_000L;
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.get(tp)) {
            continue;
          }
          records++;
          bytes += r.serializedValueSize() < 0 ? 0 : r.serializedValueSize();
          if (decode && r.headers().lastHeader(CloudEventHeaders.TYPE) != null) {
            try {
              CloudEventHeaders.read(
                  name -> {
                    Header h = r.headers().lastHeader(name);
                    return h == null
                        ? null
                        : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
                  },
                  r.value(),
                  codec);
            } catch (RuntimeException e) {
              errors++;
            }
          }
          if (r.offset() >= end.get(tp) - 1) {
            open.remove(tp);
          }
        }
        for (TopicPartition tp : batch.partitions()) {
          if (consumer.position(tp) >= end.get(tp)) {
            open.remove(tp);
          }
        }
        if (progress != null) {
          progress.accept(total == 0 ? 1000 : records * 1000 / total);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new ReadOutcome(records, bytes, seconds, errors, open.isEmpty());
    }
  }

  public Admin admin() {
    return admin;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
