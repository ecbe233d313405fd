package news.ticker.bench.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import news.ticker.bench.measure.Latencies;
import org.junit.jupiter.api.Test;

class PostgresLimitTest {

  private static PostgresLimit.Outcome outcome(PostgresLimit.Plan plan, long commits) {
    return new PostgresLimit.Outcome(
        plan,
        commits,
        commits * plan.rowsPerTransaction(),
        10,
        new Latencies(),
        new Latencies(),
        0,
        null,
        new PostgresLimit.Server("17", "on", "on", "fdatasync", "0", "on"));
  }

  @Test
  void aWriteIsSixRowsAndABatchIsThatManyWrites() {
    assertThat(PostgresLimit.Plan.singleRow(16).rowsPerTransaction()).isEqualTo(1);
    assertThat(PostgresLimit.Plan.groupCommit(16, 64).rowsPerTransaction()).isEqualTo(64);
    assertThat(PostgresLimit.Plan.writeRows(16).rowsPerTransaction()).isEqualTo(6);
    assertThat(PostgresLimit.Plan.writeRowsBatched(16, 64).rowsPerTransaction()).isEqualTo(6 * 64);
    assertThat(PostgresLimit.Plan.writeRowsBatched(16, 64).writesPerTransaction()).isEqualTo(64);
    assertThat(PostgresLimit.Plan.groupCommit(16, 64).writesPerTransaction()).isZero();
  }

  @Test
  void writesPerSecondAreWritesCommittedOrBareRowsOverSix() {
    var batched = outcome(PostgresLimit.Plan.writeRowsBatched(4, 10), 100);
    assertThat(batched.commitsPerSecond()).isCloseTo(10, within(1e-9));
    assertThat(batched.writesPerSecond()).isCloseTo(100, within(1e-9));
    assertThat(batched.rowsPerSecond()).isCloseTo(600, within(1e-9));
    var rows = outcome(PostgresLimit.Plan.groupCommit(4, 60), 100);
    assertThat(rows.rowsPerSecond()).isCloseTo(600, within(1e-9));
    assertThat(rows.writesPerSecond()).isCloseTo(100, within(1e-9));
  }

  @Test
  void plansRefuseBatchesTheirKindCannotHold() {
    assertThatThrownBy(() -> new PostgresLimit.Plan(PostgresLimit.Kind.WRITE_ROWS, 4, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresLimit.Plan.groupCommit(4, 65))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresLimit.Plan.singleRow(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aServerIsDurableWhenCommitsWaitForTheFlush() {
    assertThat(new PostgresLimit.Server("17", "on", "on", "", "0", "on").durable()).isTrue();
    assertThat(new PostgresLimit.Server("17", "local", "on", "", "0", "on").durable()).isTrue();
    assertThat(new PostgresLimit.Server("17", "off", "on", "", "0", "on").durable()).isFalse();
    assertThat(new PostgresLimit.Server("17", "on", "off", "", "0", "on").durable()).isFalse();
  }

  @Test
  void theStoredResponseIsTheJsonIngestStores() throws Exception {
    UUID story = UUID.randomUUID();
    UUID update = UUID.randomUUID();
    ObjectMapper json = new ObjectMapper();
    var headers = json.readTree(ScratchRows.responseHeaders(story, update, 8));
    assertThat(headers.path("ETag").asText()).isEqualTo("\"8\"");
    assertThat(headers.path("Location").asText())
        .isEqualTo("/api/v1/stories/" + story + "/updates/" + update);
    var body = json.readTree(ScratchRows.responseBody(story, update, 8));
    assertThat(body.path("id").asText()).isEqualTo(update.toString());
    assertThat(body.path("storyId").asText()).isEqualTo(story.toString());
    assertThat(body.path("version").asLong()).isEqualTo(8);
    assertThat(body.path("changed").asBoolean()).isTrue();
  }

  @Test
  void aRequestHashHasTheShapeOfASha256() {
    String hash = ScratchRows.requestHash(UUID.randomUUID());
    assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
  }
}
