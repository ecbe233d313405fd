package news.ticker.timeline.changes;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.Json;

/**
 * Reads a story's change log. Used by {@code /changes}, by SSE (catch-up, gap filling and the live
 * fan-out) and by {@code ?asOf=}. It reads through the reactive SQL client rather than a Hibernate
 * session because the live fan-out calls it from threads that are not Vert.x contexts (the live
 * follower's Kafka thread); the client is the same pool Hibernate Reactive uses.
 */
@ApplicationScoped
public class ChangeLog {

  private static final String COLUMNS =
      "select version, type, update_id, cast(data as text), key_event, recorded_at"
          + " from story_change where generation = $1 and story_id = $2";

  @Inject Pool pool;

  /**
   * A row of the change log.
   *
   * @param dataJson the change's data as JSON text, as stored: the SSE frames are written around it
   *     without parsing it ({@link #json()}); {@link #data()} parses it for the readers that need
   *     the tree
   */
  public record Entry(
      long version,
      String type,
      UUID updateId,
      String dataJson,
      boolean keyEvent,
      Instant recordedAt) {

    /** The change's data, parsed (each call parses again). */
    public ObjectNode data() {
      return Json.objectTree(dataJson);
    }

    /**
     * The public JSON of the change, the same as {@link #item()} (an item of {@code /changes}), as
     * one line of text written around the stored data without parsing and serialising it again: the
     * data of the SSE frame that a catch-up or a live push sends. The data's own keys keep their
     * stored order.
     */
    public String json() {
      StringBuilder json = new StringBuilder(dataJson.length() + 160);
      json.append("{\"version\":").append(version).append(",\"type\":\"");
      JsonStringEncoder.getInstance().quoteAsString(type, json);
      json.append("\",\"updateId\":");
      if (updateId == null) {
        json.append("null");
      } else {
        json.append('"').append(updateId).append('"');
      }
      json.append(",\"recordedAt\":\"").append(recordedAt).append("\",\"data\":");
      return json.append(dataJson).append('}').toString();
    }

    /** The change as an item of {@code /changes} (the same JSON as {@link #json()}). */
    public ChangeItem item() {
      return new ChangeItem(version, type, updateId, recordedAt, data());
    }
  }

  /** Changes after {@code since} (exclusive), oldest first, at most {@code limit}. */
  public Uni<List<Entry>> after(
      int generation, UUID storyId, long since, int limit, boolean keyEventsOnly) {
    return select(
        " and version > $3" + keyEvents(keyEventsOnly) + " order by version limit $4",
        Tuple.of(generation, storyId, since, limit));
  }

  /** Changes with {@code after < version < before}, oldest first. */
  public Uni<List<Entry>> between(
      int generation, UUID storyId, long after, long before, boolean keyEventsOnly) {
    return select(
        " and version > $3 and version < $4" + keyEvents(keyEventsOnly) + " order by version",
        Tuple.of(generation, storyId, after, before));
  }

  /** Every change recorded at or before {@code asOf}, oldest first: what {@code ?asOf=} folds. */
  public Uni<List<Entry>> recordedBy(int generation, UUID storyId, Instant asOf) {
    return select(
        " and recorded_at <= $3 order by version",
        Tuple.of(generation, storyId, asOf.atOffset(java.time.ZoneOffset.UTC)));
  }

  /** The condition that keeps only key events, if asked for. */
  private static String keyEvents(boolean keyEventsOnly) {
    return keyEventsOnly ? " and key_event" : "";
  }

  /**
   * The entries of one story's log ({@code $1} generation, {@code $2} story) that {@code
   * conditionsAndOrder} (what follows the story's {@code where}) selects.
   */
  private Uni<List<Entry>> select(String conditionsAndOrder, Tuple args) {
    return pool.preparedQuery(COLUMNS + conditionsAndOrder).execute(args).map(ChangeLog::entries);
  }

  /** The highest version in the log, or 0. */
  public Uni<Long> lastVersion(int generation, UUID storyId) {
    return pool.preparedQuery(
            "select coalesce(max(version), 0) from story_change"
                + " where generation = $1 and story_id = $2")
        .execute(Tuple.of(generation, storyId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static List<Entry> entries(RowSet<Row> rows) {
    List<Entry> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      entries.add(
          new Entry(
              row.getLong(0),
              row.getString(1),
              row.getUUID(2),
              row.getString(3),
              row.getBoolean(4),
              row.getOffsetDateTime(5).toInstant()));
    }
    return entries;
  }
}
