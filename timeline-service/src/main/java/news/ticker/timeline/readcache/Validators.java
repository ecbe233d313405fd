package news.ticker.timeline.readcache;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import news.ticker.timeline.TimelineConfig;

/**
 * The validators of current reads: from this replica's {@link ReadCache} when it holds the story's,
 * else from one query of the view row and its hold, on the Vert.x client (no Hibernate session),
 * remembered for the next reader.
 */
@ApplicationScoped
public class Validators {

  static final String READ_SQL =
      "select v.version, v.representation, p.held_since is not null"
          + " from story_view v left join story_progress p"
          + " on p.generation = v.generation and p.story_id = v.story_id"
          + " where v.generation = $1 and v.story_id = $2";

  @Inject Pool pool;
  @Inject TimelineConfig config;

  private ReadCache cache;

  void init(@Observes StartupEvent event) {
    cache();
  }

  /** This replica's read cache (empty and inert when the read cache is disabled). */
  public synchronized ReadCache cache() {
    if (cache == null) {
      cache = new ReadCache(config.readCache().enabled() ? config.readCache().maxBytes() : 0);
    }
    return cache;
  }

  /** A validator read now, with the ticket under which it may be remembered. */
  public record Read(Optional<Validator> validator, long ticket) {}

  /**
   * The story's validator in generation {@code generation}: from memory, or read (empty when the
   * story does not exist there).
   */
  public Uni<Read> current(int generation, UUID storyId) {
    ReadCache memory = cache();
    Optional<Validator> known = memory.validator(generation, storyId);
    if (known.isPresent()) {
      return Uni.createFrom().item(new Read(known, ReadCache.NO_TICKET));
    }
    long ticket = memory.begin(generation, storyId);
    return pool.preparedQuery(READ_SQL)
        .execute(Tuple.of(generation, storyId))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                return new Read(Optional.empty(), ticket);
              }
              Row row = it.next();
              Validator validator =
                  new Validator(generation, row.getLong(0), row.getLong(1), row.getBoolean(2));
              memory.learn(storyId, ticket, validator);
              return new Read(Optional.of(validator), ticket);
            });
  }
}
