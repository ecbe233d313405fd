package news.ticker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RestartedJvmsTest {

  /** Describes each process by its pid and options, as MachineInfo.components does for real. */
  private static final Function<Map<String, Long>, ObjectNode> DESCRIBE =
      pids -> {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        pids.forEach(
            (name, pid) ->
                o.putObject(name).put("pid", pid).put("jvmOptions", "options of " + pid));
        return o;
      };

  private static ObjectNode jvmAtStart(Map<String, Long> pids) {
    ObjectNode jvm = JsonNodeFactory.instance.objectNode();
    jvm.set("components", DESCRIBE.apply(pids));
    return jvm;
  }

  @Test
  void aComponentRestartedDuringTheRunIsRecordedAsMeasuredWithItsStartBeside() {
    Map<String, Long> start = Map.of("ingest", 10L, "timeline", 20L, "kafka", 30L);
    ObjectNode jvm = jvmAtStart(start);

    Bench.recordRestartedJvms(
        jvm, start, Map.of("ingest", 11L, "timeline", 20L, "kafka", 30L), DESCRIBE);

    ObjectNode ingest = (ObjectNode) jvm.path("components").path("ingest");
    assertThat(ingest.path("pid").asLong()).isEqualTo(11L);
    assertThat(ingest.path("jvmOptions").asText()).isEqualTo("options of 11");
    assertThat(ingest.path("restartedDuringRun").asBoolean()).isTrue();
    assertThat(ingest.path("atStart").path("pid").asLong()).isEqualTo(10L);
    assertThat(jvm.path("components").path("timeline").path("pid").asLong()).isEqualTo(20L);
    assertThat(jvm.path("components").path("timeline").has("restartedDuringRun")).isFalse();
  }

  @Test
  void nothingRestartedChangesNothing() {
    Map<String, Long> start = Map.of("ingest", 10L, "timeline", 20L);
    ObjectNode jvm = jvmAtStart(start);
    ObjectNode before = jvm.deepCopy();

    Bench.recordRestartedJvms(jvm, start, start, DESCRIBE);

    assertThat(jvm).isEqualTo(before);
  }
}
