package news.ticker.bench.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WriteSqlTest {

  private static int placeholders(String sql) {
    return (int) sql.chars().filter(c -> c == '?').count();
  }

  @Test
  void valuesListsRowsOfPlaceholdersWithTheirCasts() {
    assertThat(WriteSql.values(2, null, "uuid"))
        .isEqualTo("(?, cast(? as uuid)), (?, cast(? as uuid))");
    assertThat(WriteSql.values(1, new String[3])).isEqualTo("(?, ?, ?)");
  }

  @Test
  void valuesNeedARowAndAColumn() {
    assertThatThrownBy(() -> WriteSql.values(0, "int"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteSql.values(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void insertsTakeOneParameterPerColumnAndRow() {
    assertThat(placeholders(WriteSql.insertEvents(1))).isEqualTo(WriteSql.EVENT_COLUMNS);
    assertThat(placeholders(WriteSql.insertEvents(64))).isEqualTo(64 * WriteSql.EVENT_COLUMNS);
    assertThat(placeholders(WriteSql.insertKeys(3))).isEqualTo(3 * WriteSql.KEY_COLUMNS);
    assertThat(placeholders(WriteSql.insertOutbox(2))).isEqualTo(2 * WriteSql.OUTBOX_COLUMNS);
    assertThat(placeholders(WriteSql.claim(5))).isEqualTo(5 * WriteSql.CLAIM_COLUMNS);
    assertThat(placeholders(WriteSql.storeResponses(1))).isEqualTo(WriteSql.RESPONSE_COLUMNS);
    assertThat(placeholders(WriteSql.storeResponses(7))).isEqualTo(7 * WriteSql.RESPONSE_COLUMNS);
  }

  @Test
  void theOutboxInsertCastsAsIngestsDoes() {
    assertThat(WriteSql.insertOutbox(1))
        .endsWith("values (?, ?, ?, ?, cast(? as text), ?, cast(? as bigint))");
  }

  @Test
  void aClaimNeverFailsOnADuplicateKey() {
    assertThat(WriteSql.claim(2)).endsWith(" on conflict do nothing");
  }

  @Test
  void locksAreTakenInOneStatementInParameterOrder() {
    String sql = WriteSql.lock(3);
    assertThat(placeholders(sql)).isEqualTo(1 + 3 * 2);
    assertThat(sql.split("pg_advisory_xact_lock", -1)).hasSize(4);
    assertThat(sql).startsWith("select set_config('lock_timeout', ?, true)");
    assertThatThrownBy(() -> WriteSql.lock(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTailReadAsksForEventsAfterEachStorysVersion() {
    assertThat(WriteSql.tail(1))
        .endsWith("where e.stream_id = ? and e.version > ? order by e.version")
        .contains("from bench_event_store e");
    String many = WriteSql.tail(4);
    assertThat(placeholders(many)).isEqualTo(8);
    assertThat(many)
        .contains("cast(? as uuid), cast(? as bigint)")
        .contains("cross join lateral")
        .contains("x.stream_id = t.stream_id and x.version > t.after offset 0")
        .endsWith("order by t.stream_id, e.version");
  }

  @Test
  void storedResponsesUpdateTheClaimedRowsByScopeAndKey() {
    assertThat(WriteSql.storeResponses(1))
        .startsWith("update bench_idempotency set")
        .endsWith("where scope = ? and idem_key = ?");
    assertThat(WriteSql.storeResponses(2))
        .contains("cast(? as int), cast(? as text)")
        .endsWith("where i.scope = t.scope and i.idem_key = t.idem_key");
  }

  @Test
  void theScratchTablesCopyIngestsKeysAndIndexes() {
    assertThat(WriteSql.CREATE)
        .contains("primary key (stream_id, version)")
        .contains("event_id    uuid        not null unique")
        .contains("on bench_outbox (id) where published_at is null")
        .contains("primary key (scope, idem_key)")
        .contains("on bench_content_keys (story_id)");
    for (String table : WriteSql.TABLES) {
      assertThat(WriteSql.CREATE).contains("create table " + table + " (");
      assertThat(table).startsWith("bench_");
    }
    assertThat(WriteSql.DROP).contains(String.join(", ", WriteSql.TABLES));
  }
}
