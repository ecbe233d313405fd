package news.ticker.timeline.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import news.ticker.timeline.readmodel.Generations;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Stories held at a gap or waiting for a content key: the {@code ticker.timeline.degraded.stories}
 * gauge and a wellness check that is DOWN while any story is held (with the first few, and why).
 */
@Wellness
@ApplicationScoped
public class DegradedStories implements AsyncHealthCheck {

  private static final String COUNT =
      "select count(*) from story_progress where generation = $1 and held_since is not null";
  private static final String FIRST =
      "select story_id, applied_version, hold_reason, waiting_key_id, held_since from story_progress"
          + " where generation = $1 and held_since is not null order by held_since limit 10";

  @Inject Pool pool;
  @Inject Generations generations;
  @Inject MeterRegistry registry;
  @Inject Vertx vertx;

  private final AtomicLong degraded = new AtomicLong();
  private volatile long timer = -1;

  void start(@Observes StartupEvent event) {
    Gauge.builder("ticker.timeline.degraded.stories", degraded, AtomicLong::get)
        .description("Stories held at a version gap or waiting for a content key")
        .register(registry);
    timer = vertx.setPeriodic(2_000, id -> refresh().subscribe().with(n -> {}, e -> {}));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  Uni<Long> refresh() {
    return pool.preparedQuery(COUNT)
        .execute(Tuple.of(generations.active()))
        .map(rows -> rows.iterator().next().getLong(0))
        .invoke(degraded::set);
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    int generation = generations.active();
    return refresh()
        .chain(
            count ->
                pool.preparedQuery(FIRST)
                    .execute(Tuple.of(generation))
                    .map(
                        rows -> {
                          List<String> held = new ArrayList<>();
                          for (Row row : rows) {
                            held.add(
                                row.getUUID(0)
                                    + " at version "
                                    + row.getLong(1)
                                    + ": "
                                    + row.getString(2)
                                    + (row.getString(3) == null ? "" : " " + row.getString(3)));
                          }
                          return HealthCheckResponse.named("degraded-stories")
                              .status(count == 0)
                              .withData("count", count)
                              .withData("generation", generation)
                              .withData("held", String.join("; ", held))
                              .build();
                        }))
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("degraded-stories")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build());
  }
}
