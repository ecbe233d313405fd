package news.ticker.ingest.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;

/**
 * The real infrastructure every Quarkus test of ingest runs against: a Kafka broker with the
 * contract's topics, the {@code ingest} PostgreSQL database and the test token issuer. Test
 * resources are global, so all test classes share one application start.
 */
@QuarkusTestResource(value = KafkaResource.class, parallel = true)
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "ingest"),
    parallel = true)
@QuarkusTestResource(JwtResource.class)
public final class IngestTestResources {

  private IngestTestResources() {}
}
