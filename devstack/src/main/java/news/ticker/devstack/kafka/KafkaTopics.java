package news.ticker.devstack.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import news.ticker.events.Topics;
import news.ticker.events.Topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of the event contract ({@link Topics#ALL}) on a broker, explicitly: brokers of
 * the dev stack run with {@code auto.create.topics.enable=false}, like production.
 */
public final class KafkaTopics {

  private static final Duration POLL = Duration.ofMillis(200);

  private KafkaTopics() {}

  /** An admin client with short timeouts, for tools and probes (not for services). */
  public static Admin admin(String bootstrapServers, Duration timeout) {
    return admin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), timeout);
  }

  /**
   * The same, with {@code client} giving the bootstrap servers and, for a broker that authenticates
   * its clients, the login ({@link KafkaBroker#adminClientProperties()}).
   */
  public static Admin admin(Map<String, Object> client, Duration timeout) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ticker-devstack");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    // Probing a broker that is down must not spin for minutes on reconnects.
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return Admin.create(props);
  }

  /** Topic-level configuration of a spec: compaction (with its maximum lag) and retention. */
  public static Map<String, String> configOf(TopicSpec spec) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()));
    if (spec.compacted()) {
      config.put(
          TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(Topics.MAX_COMPACTION_LAG_MS));
    }
    return config;
  }

  /**
   * Creates every topic of {@code specs} that does not exist yet (replication factor 1) and waits
   * until all of them have a leader on every partition, so that producers can write at once.
   *
   * @throws IllegalStateException if an existing topic has another partition count than its spec:
   *     the key-to-partition mapping is part of the contract, so that is never silently accepted
   */
  public static void ensure(String bootstrapServers, List<TopicSpec> specs, Duration timeout) {
    ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), specs, timeout);
  }

  /** {@link #ensure(String, List, Duration)} as the client {@code client} describes. */
  public static void ensure(Map<String, Object> client, List<TopicSpec> specs, Duration timeout) {
    Object bootstrapServers = client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = admin(client, Duration.ofSeconds(10))) {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : specs) {
        if (!existing.contains(spec.name())) {
          missing.add(
              new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configOf(spec)));
        }
      }
      if (!missing.isEmpty()) {
        admin
            .createTopics(missing)
            .values()
            .forEach((name, future) -> awaitCreation(name, future, deadline));
      }
      awaitLeaders(admin, specs, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create the topics on " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  private static void awaitCreation(
      String name, org.apache.kafka.common.KafkaFuture<Void> future, Instant deadline) {
    try {
      future.get(remaining(deadline), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        // Another JVM creating the same topic at the same time is fine; anything else is not.
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic " + name + " not created in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  private static void awaitLeaders(Admin admin, List<TopicSpec> specs, Instant deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    Collection<String> names = specs.stream().map(TopicSpec::name).collect(Collectors.toList());
    while (true) {
      Map<String, TopicDescription> descriptions;
      try {
        descriptions =
            admin
                .describeTopics(names)
                .allTopicNames()
                .get(remaining(deadline), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        // A topic the controller just created may not be in the broker's metadata yet.
        if (!(e.getCause() instanceof RetriableException) || Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(POLL.toMillis());
        continue;
      }
      for (TopicSpec spec : specs) {
        int partitions = descriptions.get(spec.name()).partitions().size();
        if (partitions != spec.partitions()) {
          throw new IllegalStateException(
              String.format(
                  "topic %s has %d partitions, the contract says %d; delete the topic (for the"
                      + " dev stack: ./ticker down, then remove .devstack/kafka)",
                  spec.name(), partitions, spec.partitions()));
        }
      }
      boolean allLed =
          descriptions.values().stream()
              .flatMap(description -> description.partitions().stream())
              .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
      if (allLed) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("partitions without a leader after the deadline");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * Whether the broker answers and every topic of {@code specs} exists with a leader on each
   * partition; the readiness probe of a broker that creates its topics on start. Never throws.
   */
  public static boolean exist(String bootstrapServers, List<TopicSpec> specs, Duration timeout) {
    return exist(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), specs, timeout);
  }

  /** {@link #exist(String, List, Duration)} as the client {@code client} describes. */
  public static boolean exist(Map<String, Object> client, List<TopicSpec> specs, Duration timeout) {
    try (Admin admin = admin(client, timeout)) {
      Collection<String> names = specs.stream().map(TopicSpec::name).collect(Collectors.toList());
      return admin
          .describeTopics(names)
          .allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .values()
          .stream()
          .flatMap(description -> description.partitions().stream())
          .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Whether a broker answers a describeCluster within {@code timeout}. Never throws. */
  public static boolean isReachable(String bootstrapServers, Duration timeout) {
    try (Admin admin = admin(bootstrapServers, timeout)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private static long remaining(Instant deadline) {
    return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
  }
}
