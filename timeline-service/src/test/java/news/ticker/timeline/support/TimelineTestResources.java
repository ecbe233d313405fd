package news.ticker.timeline.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;

/**
 * The real infrastructure of every Quarkus test of this module: one Kafka broker with every topic,
 * the {@code timeline} database and test JWT keys. Declared once here and applied to all test
 * classes, so the application starts once for the whole test run.
 */
@QuarkusTestResource(value = KafkaResource.class, parallel = true)
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "timeline"),
    parallel = true)
@QuarkusTestResource(JwtResource.class)
public final class TimelineTestResources {
  private TimelineTestResources() {}
}
