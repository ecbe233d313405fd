package news.ticker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import news.ticker.events.KafkaAccess.Acl;
import news.ticker.events.KafkaAccess.Operation;
import news.ticker.events.KafkaAccess.ResourceType;
import news.ticker.events.KafkaAccess.ServiceAccess;
import news.ticker.events.Topics.TopicSpec;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

  @Test
  void everyTopicOfTheContractHasExactlyOneWriter() {
    for (TopicSpec topic : Topics.ALL) {
      List<String> writers =
          KafkaAccess.ALL.stream()
              .filter(a -> a.writes().contains(topic.name()))
              .map(ServiceAccess::service)
              .toList();
      assertThat(writers).as(topic.name()).hasSize(1);
    }
  }

  @Test
  void theTimelineMayWriteOnlyItsDeadLetterTopic() {
    assertThat(KafkaAccess.TIMELINE.writes()).containsExactly(Topics.TIMELINE_DEAD_LETTER);
  }

  @Test
  void onlyIngestWritesStoryEventsAndContentKeys() {
    assertThat(KafkaAccess.ALL)
        .filteredOn(
            a ->
                a.writes().contains(Topics.STORY_EVENTS)
                    || a.writes().contains(Topics.CONTENT_KEYS))
        .containsExactly(KafkaAccess.INGEST);
  }

  @Test
  void aclsMergeTheOperationsOfOneTopicAndGrantGroupsRead() {
    ServiceAccess access =
        new ServiceAccess("s", "u", Set.of("a", "b"), Set.of("b", "c"), Set.of("g"));

    assertThat(access.acls())
        .containsExactly(
            new Acl(ResourceType.TOPIC, "a", Set.of(Operation.WRITE)),
            new Acl(ResourceType.TOPIC, "b", Set.of(Operation.READ, Operation.WRITE)),
            new Acl(ResourceType.TOPIC, "c", Set.of(Operation.READ)),
            new Acl(ResourceType.GROUP, "g", Set.of(Operation.READ)));
  }

  @Test
  void everyServiceHasItsOwnUserAndGroups() {
    assertThat(KafkaAccess.ALL.stream().map(ServiceAccess::user).collect(Collectors.toSet()))
        .hasSize(KafkaAccess.ALL.size());
    assertThat(KafkaAccess.ALL.stream().flatMap(a -> a.groups().stream()).toList())
        .doesNotHaveDuplicates();
    assertThat(KafkaAccess.of("analysis")).isSameAs(KafkaAccess.ANALYSIS);
    assertThatThrownBy(() -> KafkaAccess.of("bench")).hasMessageContaining("bench");
  }
}
