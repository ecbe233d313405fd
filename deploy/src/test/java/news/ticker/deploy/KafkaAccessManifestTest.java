package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import news.ticker.events.KafkaAccess;
import news.ticker.events.KafkaAccess.Acl;
import news.ticker.events.KafkaAccess.Operation;
import news.ticker.events.KafkaAccess.ServiceAccess;
import news.ticker.events.Topics;
import org.junit.jupiter.api.Test;

/**
 * The production overlay's {@code KafkaUser}s are the services' Kafka access declarations (events'
 * {@link KafkaAccess}), and every channel a service configures is declared there: a new channel
 * without an ACL fails the build here, before it fails in a cluster.
 */
class KafkaAccessManifestTest {

  private static final Pattern CHANNEL =
      Pattern.compile(
          "mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|group\\.id|dead-letter-queue\\.topic)");

  @Test
  void everyKafkaUserHasExactlyTheAclsItsServiceDeclares() {
    List<Manifest> users = kafkaUsers();
    assertThat(users.stream().map(Manifest::name))
        .containsExactlyInAnyOrderElementsOf(
            KafkaAccess.ALL.stream().map(ServiceAccess::user).toList());
    for (ServiceAccess access : KafkaAccess.ALL) {
      Manifest user = Repo.find(users, "KafkaUser", access.user());
      JsonNode spec = user.node().path("spec");
      assertThat(spec.at("/authentication/type").asText())
          .as(user.where())
          .isEqualTo("scram-sha-512");
      assertThat(spec.at("/authorization/type").asText()).as(user.where()).isEqualTo("simple");
      assertThat(user.labels()).containsEntry("strimzi.io/cluster", "ticker-kafka");
      assertThat(aclsOf(user)).as(user.where()).isEqualTo(expected(access));
    }
  }

  @Test
  void theTimelinesUserMayWriteOnlyItsDeadLetterTopic() {
    Manifest timeline = Repo.find(kafkaUsers(), "KafkaUser", KafkaAccess.TIMELINE.user());
    Set<String> written =
        aclsOf(timeline).entrySet().stream()
            .filter(e -> e.getValue().contains("Write"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(written).containsExactly("topic/ticker.timeline.dead-letter");
  }

  @Test
  void everyChannelOfEveryServiceIsDeclared() {
    for (ServiceAccess access : KafkaAccess.ALL) {
      Properties config = applicationProperties(access.service() + "-service");
      List<String> undeclared = new ArrayList<>();
      for (String key : config.stringPropertyNames()) {
        Matcher m = CHANNEL.matcher(key);
        if (!m.matches()) {
          continue;
        }
        String value = config.getProperty(key);
        boolean declared =
            switch (m.group(3)) {
              case "group.id" -> access.groups().contains(value);
              case "dead-letter-queue.topic" -> access.writes().contains(value);
              default ->
                  m.group(1).equals("incoming")
                      ? access.reads().contains(value)
                      : access.writes().contains(value);
            };
        if (!declared) {
          undeclared.add(key + "=" + value);
        }
      }
      assertThat(undeclared)
          .as(
              "channels of %s-service without an entry in events' KafkaAccess.%s (and so without"
                  + " an ACL in deploy/overlays/production/kafka-users.yaml)",
              access.service(), access.service().toUpperCase())
          .isEmpty();
    }
  }

  @Test
  void anUndeclaredChannelIsFound() {
    ServiceAccess timeline = KafkaAccess.TIMELINE;
    Properties config = applicationProperties("timeline-service");
    config.setProperty("mp.messaging.outgoing.forged.topic", Topics.STORY_EVENTS);
    long undeclaredWrites =
        config.stringPropertyNames().stream()
            .filter(k -> k.startsWith("mp.messaging.outgoing.") && k.endsWith(".topic"))
            .filter(k -> !timeline.writes().contains(config.getProperty(k)))
            .count();
    assertThat(undeclaredWrites).isEqualTo(1);
  }

  private static List<Manifest> kafkaUsers() {
    return Repo.ownResources(Repo.PRODUCTION).stream()
        .filter(m -> m.kind().equals("KafkaUser"))
        .toList();
  }

  /** {@code type/name} to the sorted operations of every allow rule on a literal name. */
  private static Map<String, Set<String>> aclsOf(Manifest user) {
    Map<String, Set<String>> acls = new TreeMap<>();
    for (JsonNode acl : user.node().at("/spec/authorization/acls")) {
      assertThat(acl.path("type").asText("allow")).as(user.where()).isEqualTo("allow");
      assertThat(acl.at("/resource/patternType").asText("literal"))
          .as(user.where())
          .isEqualTo("literal");
      assertThat(acl.path("host").asText("*")).as(user.where()).isEqualTo("*");
      String resource = acl.at("/resource/type").asText() + "/" + acl.at("/resource/name").asText();
      Set<String> operations = acls.computeIfAbsent(resource, r -> new TreeSet<>());
      acl.path("operations").forEach(o -> operations.add(o.asText()));
    }
    return acls;
  }

  private static Map<String, Set<String>> expected(ServiceAccess access) {
    Map<String, Set<String>> acls = new TreeMap<>();
    for (Acl acl : access.acls()) {
      acls.put(
          acl.type().strimziName() + "/" + acl.name(),
          acl.operations().stream()
              .map(Operation::strimziName)
              .collect(Collectors.toCollection(TreeSet::new)));
    }
    return acls;
  }

  private static Properties applicationProperties(String module) {
    Properties config = new Properties();
    try {
      config.load(
          new StringReader(Repo.read(module + "/src/main/resources/application.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }
}
