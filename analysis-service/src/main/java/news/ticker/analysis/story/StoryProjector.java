package news.ticker.analysis.story;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.StoryClosed;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRetracted;
import org.jboss.logging.Logger;

/**
 * Applies the story events of a poll to the projection in one transaction on the Vert.x PostgreSQL
 * client, with each story's version, so a redelivered or republished event (same or lower version)
 * changes nothing. However many events and stories the poll holds, the transaction is at most six
 * statements in two pipelined exchanges: make sure every story has a row and lock those rows (in id
 * order, so two replicas during a rebalance cannot deadlock), then decide in memory what each story
 * applies and write updates, retractions, anchors and story versions, one statement each.
 *
 * <p>Writes are upserts rather than inserts: a story or update may show up first through a later
 * event (when an earlier one was dead-lettered), and two replicas may briefly apply the same record
 * during a rebalance; neither must fail the poll.
 */
@ApplicationScoped
public class StoryProjector {

  private static final Logger LOG = Logger.getLogger(StoryProjector.class);

  @Inject Pool pool;
  @Inject AnchorRetractionListener retractions;

  /** How many of a poll's events were applied, and how many were duplicates. */
  public record Outcome(int applied, int duplicates) {}

  /**
   * Applies the events (story events, in the order of their partitions) unless their story already
   * is at their version or later.
   */
  public Uni<Outcome> apply(List<EventEnvelope> envelopes) {
    Map<UUID, List<EventEnvelope>> byStory = new TreeMap<>();
    for (EventEnvelope envelope : envelopes) {
      if (!(envelope.data() instanceof StoryEvent event)) {
        throw new IllegalArgumentException(
            "not a story event: " + envelope.type().ceType() + " " + envelope.id());
      }
      byStory.computeIfAbsent(event.storyId(), id -> new ArrayList<>()).add(envelope);
    }
    UUID[] ids = byStory.keySet().toArray(UUID[]::new);
    OffsetDateTime[] firstTimes = new OffsetDateTime[ids.length];
    for (int i = 0; i < ids.length; i++) {
      firstTimes[i] = utc(byStory.get(ids[i]).get(0).time());
    }
    return pool.withTransaction(
        connection -> {
          Uni<RowSet<Row>> ensured =
              connection
                  .preparedQuery(
                      "insert into story (id, status, version, updated_at)"
                          + " select id, 'OPEN', 0, at from unnest($1::uuid[], $2::timestamptz[])"
                          + " as t(id, at) order by id on conflict (id) do nothing")
                  .execute(Tuple.of(ids, firstTimes));
          Uni<RowSet<Row>> locked =
              connection
                  .preparedQuery(
                      "select id, version from story where id = any($1) order by id for update")
                  .execute(Tuple.of((Object) ids));
          return Uni.combine()
              .all()
              .unis(ensured, locked)
              .asTuple()
              .chain(read -> write(connection, byStory, versions(read.getItem2())));
        });
  }

  private Uni<Outcome> write(
      SqlConnection connection, Map<UUID, List<EventEnvelope>> byStory, Map<UUID, Long> applied) {
    Writes writes = new Writes();
    int appliedCount = 0;
    int duplicates = 0;
    for (Map.Entry<UUID, List<EventEnvelope>> story : byStory.entrySet()) {
      UUID storyId = story.getKey();
      long before = applied.getOrDefault(storyId, 0L);
      long last = before;
      boolean closed = false;
      Instant time = null;
      for (EventEnvelope envelope : story.getValue()) {
        long version = envelope.streamVersion();
        if (version <= last) {
          LOG.debugf(
              "story %s: skipping %s at version %d, already at %d",
              storyId, envelope.type().name(), version, last);
          duplicates++;
          continue;
        }
        if (version != last + 1) {
          // Only a dead-lettered or lost event leaves a gap; applying what follows keeps the
          // projection as close to the truth as it can be.
          LOG.warnf(
              "story %s: version %d follows %d; %d event(s) missing",
              storyId, version, last, version - last - 1);
        }
        StoryEvent event = (StoryEvent) envelope.data();
        if (event instanceof StoryClosed) {
          closed = true;
        } else if (event instanceof UpdatePosted posted) {
          writes.posted(posted.updateId(), storyId);
        } else if (event instanceof UpdateRetracted retracted) {
          writes.retracted(retracted.updateId(), storyId, retracted.occurredAt());
        }
        // Opening only needs the row made above; every other event only moves the version.
        last = version;
        time = envelope.time();
        appliedCount++;
      }
      if (last > before) {
        writes.story(storyId, last, time, closed);
      }
    }
    Outcome outcome = new Outcome(appliedCount, duplicates);
    return writes.execute(connection, retractions).replaceWith(outcome);
  }

  private static Map<UUID, Long> versions(RowSet<Row> rows) {
    Map<UUID, Long> versions = new HashMap<>();
    for (Row row : rows) {
      versions.put(row.getUUID(0), row.getLong(1));
    }
    return versions;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** The rows a poll writes, each table in one statement. */
  private static final class Writes {
    private final List<UUID> postedIds = new ArrayList<>();
    private final List<UUID> postedStories = new ArrayList<>();
    private final Map<UUID, Object[]> retracted = new LinkedHashMap<>();
    private final List<UUID> storyIds = new ArrayList<>();
    private final List<Long> versions = new ArrayList<>();
    private final List<OffsetDateTime> times = new ArrayList<>();
    private final List<Boolean> closed = new ArrayList<>();

    void posted(UUID updateId, UUID storyId) {
      postedIds.add(updateId);
      postedStories.add(storyId);
    }

    /** The first retraction of an update wins, as it does across polls. */
    void retracted(UUID updateId, UUID storyId, Instant at) {
      retracted.putIfAbsent(updateId, new Object[] {storyId, utc(at)});
    }

    void story(UUID storyId, long version, Instant time, boolean storyClosed) {
      storyIds.add(storyId);
      versions.add(version);
      times.add(utc(time));
      closed.add(storyClosed);
    }

    /** Sent together, run in this order: updates, retractions, anchors, then versions. */
    Uni<Void> execute(SqlConnection connection, AnchorRetractionListener retractions) {
      List<Uni<?>> statements = new ArrayList<>();
      if (!postedIds.isEmpty()) {
        statements.add(
            connection
                .preparedQuery(
                    "insert into story_update (id, story_id, retracted)"
                        + " select id, story_id, false from unnest($1::uuid[], $2::uuid[])"
                        + " as t(id, story_id) on conflict (id) do nothing")
                .execute(
                    Tuple.of(postedIds.toArray(UUID[]::new), postedStories.toArray(UUID[]::new))));
      }
      if (!retracted.isEmpty()) {
        UUID[] updateIds = retracted.keySet().toArray(UUID[]::new);
        UUID[] stories = new UUID[updateIds.length];
        OffsetDateTime[] at = new OffsetDateTime[updateIds.length];
        for (int i = 0; i < updateIds.length; i++) {
          Object[] row = retracted.get(updateIds[i]);
          stories[i] = (UUID) row[0];
          at[i] = (OffsetDateTime) row[1];
        }
        statements.add(
            connection
                .preparedQuery(
                    "insert into story_update (id, story_id, retracted, retracted_at)"
                        + " select id, story_id, true, at"
                        + " from unnest($1::uuid[], $2::uuid[], $3::timestamptz[])"
                        + " as t(id, story_id, at)"
                        + " on conflict (id) do update set retracted = true, retracted_at ="
                        + " coalesce(story_update.retracted_at, excluded.retracted_at)")
                .execute(Tuple.of(updateIds, stories, at)));
        statements.add(retractions.updatesRetracted(connection, List.of(updateIds)));
      }
      if (!storyIds.isEmpty()) {
        statements.add(
            connection
                .preparedQuery(
                    "update story s set version = t.version, updated_at = t.at,"
                        + " status = case when t.closed then 'CLOSED' else s.status end"
                        + " from unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::bool[])"
                        + " as t(id, version, at, closed) where s.id = t.id")
                .execute(
                    Tuple.of(
                        storyIds.toArray(UUID[]::new),
                        versions.toArray(Long[]::new),
                        times.toArray(OffsetDateTime[]::new),
                        closed.toArray(Boolean[]::new))));
      }
      if (statements.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      return Uni.combine().all().unis(statements).discardItems();
    }
  }
}
