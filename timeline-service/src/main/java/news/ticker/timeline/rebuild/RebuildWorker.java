package news.ticker.timeline.rebuild;

import static news.ticker.timeline.rebuild.Transactions.inTransaction;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import news.ticker.events.ArticleEvent;
import news.ticker.events.ContentKey;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.Topics;
import news.ticker.platform.kafka.KafkaClients;
import news.ticker.timeline.Json;
import news.ticker.timeline.projection.BatchProjector;
import news.ticker.timeline.projection.ChangeRenderer;
import news.ticker.timeline.projection.ContentKeysConsumer;
import news.ticker.timeline.projection.RawEvent;
import news.ticker.timeline.projection.StoryEventsConsumer;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.readmodel.RebuildRow;
import news.ticker.timeline.readmodel.TimelineGenerationRow;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * One rebuild, on its own thread with its own Kafka consumer (no group, nothing committed):
 *
 * <ol>
 *   <li>captures the end offsets of {@code ticker.content-keys}, {@code ticker.article-events} and
 *       {@code ticker.story-events};
 *   <li>reads the content keys from the beginning up to their end offsets (so story events find
 *       their keys), then articles and stories from the beginning into the new generation, with the
 *       same projector as the live projection; keys go on being read;
 *   <li>past the captured end offsets it tries to switch: in one transaction that holds the
 *       generation row's update lock (so no projection write is in flight), it checks that no story
 *       and no article of the active generation is ahead of the new one, and makes the new one
 *       active; if some are ahead (the projection was faster on the live tail) it reads on and
 *       tries again, until {@code ticker.timeline.rebuild.switch-timeout}.
 * </ol>
 *
 * A cancelled rebuild ({@link RebuildService#cancel}, on any replica) is noticed at the next
 * heartbeat, or by the switch, which never activates a rebuild that is no longer running: the
 * worker stops reading and drops the rows of its generation.
 *
 * <p>Blocking Kafka calls stay on this thread; database work runs on a Vert.x context through
 * {@link VertxContextSupport#subscribeAndAwait}.
 */
final class RebuildWorker {

  private static final Logger LOG = Logger.getLogger(RebuildWorker.class);
  private static final List<String> TOPICS =
      List.of(Topics.CONTENT_KEYS, Topics.ARTICLE_EVENTS, Topics.STORY_EVENTS);

  private final RebuildService service;
  private final UUID id;
  private final int generation;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean cancelled;
  private long eventsApplied;
  private Instant lastReport = Instant.EPOCH;

  RebuildWorker(RebuildService service, UUID id, int generation) {
    this.service = service;
    this.id = id;
    this.generation = generation;
    this.thread = new Thread(this::run, "timeline-rebuild-" + generation);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() {
    running = false;
  }

  /** Stops the worker, which then drops its generation. */
  void cancel() {
    cancelled = true;
    running = false;
  }

  UUID id() {
    return id;
  }

  private void run() {
    LOG.infof("rebuild %s into generation %d started", id, generation);
    try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties())) {
      List<TopicPartition> all = new ArrayList<>();
      for (String topic : TOPICS) {
        for (PartitionInfo info : kafka.partitionsFor(topic, Duration.ofSeconds(30))) {
          all.add(new TopicPartition(topic, info.partition()));
        }
      }
      Map<TopicPartition, Long> end = kafka.endOffsets(all);
      List<TopicPartition> keyPartitions =
          all.stream().filter(p -> p.topic().equals(Topics.CONTENT_KEYS)).toList();
      List<TopicPartition> eventPartitions =
          all.stream().filter(p -> !p.topic().equals(Topics.CONTENT_KEYS)).toList();
      kafka.assign(all);
      kafka.seekToBeginning(all);
      // 1. Keys first, so replayed story events find theirs: events wait, paused.
      kafka.pause(eventPartitions);
      while (running && !reached(kafka, keyPartitions, end)) {
        apply(kafka.poll(Duration.ofMillis(500)));
        report(kafka, end);
      }
      // 2. Everything from the beginning (keys go on from where they are).
      kafka.resume(eventPartitions);
      while (running && !reached(kafka, all, end)) {
        apply(kafka.poll(Duration.ofMillis(500)));
        report(kafka, end);
      }
      // 3. Caught up with the start: follow the live tail until the switch succeeds.
      Instant deadline = Instant.now().plus(service.config.rebuild().switchTimeout());
      while (running) {
        report(kafka, end);
        if (!running) {
          break;
        }
        String behind = await(this::trySwitch);
        if (behind == CANCELLED) {
          cancel();
          break;
        }
        if (behind == null) {
          await(() -> service.generations.refresh().replaceWithVoid());
          LOG.infof(
              "rebuild %s: generation %d is active (%d events replayed)",
              id, generation, eventsApplied);
          break;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the new generation did not catch up with the active one: " + behind);
        }
        apply(kafka.poll(Duration.ofMillis(200)));
      }
      if (cancelled) {
        int dropped = await(() -> service.dropGeneration(generation));
        LOG.infof(
            "rebuild %s cancelled: generation %d dropped (%d rows), the active one untouched",
            id, generation, dropped);
      }
    } catch (Throwable e) {
      LOG.errorf(e, "rebuild %s into generation %d failed", id, generation);
      try {
        await(() -> fail(e));
      } catch (Throwable again) {
        LOG.errorf("cannot record the failure of rebuild %s: %s", id, again.toString());
      }
    } finally {
      service.finished(this);
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> kafka,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (kafka.position(partition) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies one poll's records, in order, in one transaction per run of records of one topic: a
   * commit per record (each waiting for the disk) was what bounded the replay rate. Records of one
   * partition keep their order; keys committed in an earlier run are visible to the story events of
   * a later one.
   */
  private void apply(ConsumerRecords<String, byte[]> records) throws Throwable {
    List<ConsumerRecord<String, byte[]>> run = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (!run.isEmpty() && !run.get(0).topic().equals(record.topic())) {
        applyRun(run);
        run = new ArrayList<>();
      }
      run.add(record);
    }
    if (!run.isEmpty()) {
      applyRun(run);
    }
  }

  private void applyRun(List<ConsumerRecord<String, byte[]>> run) throws Throwable {
    switch (run.get(0).topic()) {
      case Topics.CONTENT_KEYS -> applyKeys(run);
      case Topics.ARTICLE_EVENTS -> applyArticles(run);
      case Topics.STORY_EVENTS -> applyStories(run);
      default -> {}
    }
  }

  private void applyKeys(List<ConsumerRecord<String, byte[]>> run) throws Throwable {
    // Consecutive published keys go in one statement; a tombstone ends such a group, so a key
    // destroyed after it was published is destroyed, and one published after it stays refused.
    List<Function<Mutiny.Session, Uni<Void>>> steps = new ArrayList<>();
    List<ContentKey> published = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : run) {
      if (record.key() == null) {
        continue;
      }
      if (record.value() == null) {
        storeTogether(published, steps);
        published = new ArrayList<>();
        steps.add(session -> service.keys.destroy(session, record.key()));
        continue;
      }
      try {
        published.add(
            ContentKeysConsumer.parse(
                record.key(), new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)));
      } catch (EventDecodingException e) {
        // dead-lettered by the live consumer already
      }
    }
    storeTogether(published, steps);
    inOneTransaction(steps);
  }

  private void storeTogether(
      List<ContentKey> published, List<Function<Mutiny.Session, Uni<Void>>> steps) {
    if (!published.isEmpty()) {
      steps.add(session -> service.keys.storeAll(session, published));
    }
  }

  private void applyArticles(List<ConsumerRecord<String, byte[]>> run) throws Throwable {
    List<Function<Mutiny.Session, Uni<Void>>> steps = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : run) {
      EventEnvelope envelope = decode(record);
      if (envelope != null && envelope.data() instanceof ArticleEvent event) {
        steps.add(
            session ->
                service.articles.project(
                    session, generation, event, envelope.streamVersion(), envelope.time()));
      }
    }
    inOneTransaction(steps);
    eventsApplied += steps.size();
  }

  /**
   * Applies a run of story records as the live projection does: one transaction of the batch path
   * ({@link BatchProjector}, the same fold and ordering) into the new generation, then what it
   * hands back (a redaction, an analysis, a gap) through the per-event path, in order, after that
   * commit.
   */
  private void applyStories(List<ConsumerRecord<String, byte[]>> run) throws Throwable {
    Map<UUID, List<BatchProjector.Item>> byStory = new LinkedHashMap<>();
    Set<String> keyIds = new LinkedHashSet<>();
    for (ConsumerRecord<String, byte[]> record : run) {
      RawEvent raw = RawEvent.of(record);
      EventEnvelope envelope;
      try {
        envelope = StoryEventsConsumer.validated(raw.decode());
      } catch (EventDecodingException e) {
        continue; // a poison record: the live consumer dead-lettered it
      }
      StoryEvent event = (StoryEvent) envelope.data();
      String keyId = ChangeRenderer.contentKeyOf(event);
      if (keyId != null) {
        keyIds.add(keyId);
      }
      byStory
          .computeIfAbsent(event.storyId(), story -> new ArrayList<>())
          .add(new BatchProjector.Item(envelope, raw, record));
    }
    if (byStory.isEmpty()) {
      return;
    }
    // Keys are read ahead of the events, in their own transactions; wait for late ones first.
    await(() -> service.keys.awaitAllKnown(keyIds));
    BatchProjector.Result result = await(() -> service.batch.projectInto(generation, byStory));
    List<Function<Mutiny.Session, Uni<Void>>> rest = new ArrayList<>();
    for (BatchProjector.StoryResult story : result.stories()) {
      eventsApplied += story.after() - story.before();
      for (BatchProjector.Item item : story.rest()) {
        rest.add(
            session ->
                service
                    .stories
                    .project(session, generation, item.envelope(), item.raw())
                    .replaceWithVoid());
      }
    }
    inOneTransaction(rest);
    eventsApplied += rest.size();
  }

  /**
   * Runs the steps one after the other in one transaction. The session is flushed and cleared after
   * each step, so every step reads what the previous ones wrote, exactly as when each had its own
   * transaction.
   */
  private void inOneTransaction(List<Function<Mutiny.Session, Uni<Void>>> steps) throws Throwable {
    if (steps.isEmpty()) {
      return;
    }
    await(
        () ->
            inTransaction(
                session ->
                    Multi.createFrom()
                        .iterable(steps)
                        .onItem()
                        .transformToUniAndConcatenate(
                            step -> step.apply(session).call(session::flush).invoke(session::clear))
                        .collect()
                        .last()
                        .replaceWithVoid()));
  }

  private static EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
    try {
      return RawEvent.of(record).decode();
    } catch (EventDecodingException e) {
      return null; // a poison record: the live consumer dead-lettered it
    }
  }

  /** What {@link #trySwitch} answers for a rebuild that is no longer running. */
  private static final String CANCELLED = "cancelled";

  /**
   * Null when the switch happened, {@link #CANCELLED} when the rebuild was cancelled, else which
   * stories or articles are still behind.
   */
  private Uni<String> trySwitch() {
    return inTransaction(
        session ->
            session
                .createNativeQuery(Generations.EXCLUSIVE_LOCK_SQL)
                .getSingleResult()
                .chain(
                    () ->
                        session.find(
                            TimelineGenerationRow.class,
                            TimelineGenerationRow.ID,
                            LockMode.PESSIMISTIC_WRITE))
                .chain(
                    row ->
                        behind(session, row.activeGeneration)
                            .chain(
                                behind -> {
                                  if (behind != null) {
                                    return Uni.createFrom().item(behind);
                                  }
                                  return session
                                      .find(RebuildRow.class, id, LockMode.PESSIMISTIC_WRITE)
                                      .map(
                                          rebuild -> {
                                            if (!RebuildRow.RUNNING.equals(rebuild.status)) {
                                              // Cancelled meanwhile: never switch.
                                              return CANCELLED;
                                            }
                                            row.activeGeneration = generation;
                                            row.switchedAt = Instant.now();
                                            rebuild.status = RebuildRow.SWITCHED;
                                            rebuild.finishedAt = Instant.now();
                                            rebuild.heartbeatAt = Instant.now();
                                            rebuild.eventsApplied = eventsApplied;
                                            return (String) null;
                                          });
                                })));
  }

  private Uni<String> behind(Mutiny.Session session, int active) {
    String stories =
        "select string_agg(cast(old.story_id as text), ', ') from story_progress old"
            + " left join story_progress fresh on fresh.generation = :fresh"
            + " and fresh.story_id = old.story_id where old.generation = :active"
            + " and old.applied_version > coalesce(fresh.applied_version, 0)";
    String articles =
        "select string_agg(cast(old.article_id as text), ', ') from article_snapshot old"
            + " left join article_snapshot fresh on fresh.generation = :fresh"
            + " and fresh.article_id = old.article_id where old.generation = :active"
            + " and old.article_version > coalesce(fresh.article_version, 0)";
    return session
        .createNativeQuery(stories, String.class)
        .setParameter("fresh", generation)
        .setParameter("active", active)
        .getSingleResultOrNull()
        .chain(
            storiesBehind ->
                session
                    .createNativeQuery(articles, String.class)
                    .setParameter("fresh", generation)
                    .setParameter("active", active)
                    .getSingleResultOrNull()
                    .map(
                        articlesBehind -> {
                          if (storiesBehind == null && articlesBehind == null) {
                            return null;
                          }
                          return "stories ["
                              + (storiesBehind == null ? "" : storiesBehind)
                              + "], articles ["
                              + (articlesBehind == null ? "" : articlesBehind)
                              + "]";
                        }));
  }

  private void report(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> end)
      throws Throwable {
    Instant now = Instant.now();
    if (Duration.between(lastReport, now).toMillis() < 1_000) {
      return;
    }
    lastReport = now;
    Map<String, Map<Integer, Long>> positions = new TreeMap<>();
    Map<String, Map<Integer, Long>> ends = new TreeMap<>();
    Set<TopicPartition> assigned = new LinkedHashSet<>(kafka.assignment());
    end.forEach(
        (partition, offset) -> {
          ends.computeIfAbsent(partition.topic(), t -> new TreeMap<>())
              .put(partition.partition(), offset);
          if (assigned.contains(partition)) {
            positions
                .computeIfAbsent(partition.topic(), t -> new TreeMap<>())
                .put(partition.partition(), kafka.position(partition));
          }
        });
    String endJson = Json.text(ends);
    String positionsJson = Json.text(positions);
    long applied = eventsApplied;
    await(
        () ->
            whileRunning(
                    row -> {
                      row.endOffsets = endJson;
                      row.positions = positionsJson;
                      row.eventsApplied = applied;
                      row.heartbeatAt = Instant.now();
                    })
                .invoke(
                    running -> {
                      if (!running) {
                        // Cancelled, perhaps on another replica.
                        cancel();
                      }
                    }));
  }

  private Uni<Void> fail(Throwable e) {
    return whileRunning(
            row -> {
              row.status = RebuildRow.FAILED;
              row.error = String.valueOf(e.getMessage());
              row.finishedAt = Instant.now();
              row.heartbeatAt = Instant.now();
              row.eventsApplied = eventsApplied;
            })
        .replaceWithVoid();
  }

  /**
   * Changes the rebuild's row in a transaction of its own while the rebuild runs; answers whether
   * it still ran (a cancelled or finished rebuild is left as it is).
   */
  private Uni<Boolean> whileRunning(Consumer<RebuildRow> change) {
    return inTransaction(
        session ->
            session
                .find(RebuildRow.class, id)
                .map(
                    row -> {
                      if (!RebuildRow.RUNNING.equals(row.status)) {
                        return false;
                      }
                      change.accept(row);
                      return true;
                    }));
  }

  private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }

  private Map<String, Object> properties() {
    Map<String, Object> props =
        KafkaClients.rawConsumer(service.kafkaConfig, "timeline-rebuild-" + generation);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    return props;
  }
}
