package news.ticker.platform.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.platform.outbox.OutboxConfig;
import news.ticker.platform.outbox.OutboxRelay;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * How far the outbox is behind: DOWN when the oldest unpublished row is older than the configured
 * limit.
 */
@Wellness
@ApplicationScoped
public class OutboxWellness implements AsyncHealthCheck {

  @Inject Pool client;
  @Inject OutboxConfig config;
  @Inject OutboxRelay relay;

  @Override
  public Uni<HealthCheckResponse> call() {
    return client
        .query(
            "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
                + " from ticker_outbox where published_at is null")
        .execute()
        .map(
            rows -> {
              Row row = rows.iterator().next();
              long pending = row.getLong(0);
              double ageSeconds = row.getNumeric(1).doubleValue();
              boolean ok = ageSeconds <= config.maxPendingAge().toSeconds();
              return HealthCheckResponse.named("outbox")
                  .status(ok)
                  .withData("pending", pending)
                  .withData("oldestPendingSeconds", Math.round(ageSeconds))
                  .withData("relayLeader", relay.isLeader())
                  .build();
            })
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("outbox")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build());
  }
}
