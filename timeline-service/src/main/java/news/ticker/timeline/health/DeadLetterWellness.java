package news.ticker.timeline.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import news.ticker.events.Topics;
import news.ticker.timeline.TimelineConfig;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * DOWN while any replica dead-lettered a record within {@code
 * ticker.timeline.health.dead-letter-window}: somebody should look at {@link
 * Topics#TIMELINE_DEAD_LETTER}.
 */
@Wellness
@ApplicationScoped
public class DeadLetterWellness implements AsyncHealthCheck {

  @Inject Pool pool;
  @Inject TimelineConfig config;

  @Override
  public Uni<HealthCheckResponse> call() {
    OffsetDateTime since =
        OffsetDateTime.now(ZoneOffset.UTC).minus(config.health().deadLetterWindow());
    return pool.preparedQuery(
            "select count(*), max(dead_lettered_at),"
                + " (select reason || ': ' || coalesce(detail, '') from dead_letter"
                + "  order by id desc limit 1)"
                + " from dead_letter where dead_lettered_at > $1")
        .execute(Tuple.of(since))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              long count = row.getLong(0);
              HealthCheckResponseBuilder response =
                  HealthCheckResponse.named("dead-letters")
                      .status(count == 0)
                      .withData("topic", Topics.TIMELINE_DEAD_LETTER)
                      .withData("recent", count)
                      .withData("window", config.health().deadLetterWindow().toString());
              if (count > 0) {
                response
                    .withData("last", String.valueOf(row.getOffsetDateTime(1)))
                    .withData("lastReason", String.valueOf(row.getString(2)));
              }
              return response.build();
            })
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("dead-letters")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build());
  }
}
