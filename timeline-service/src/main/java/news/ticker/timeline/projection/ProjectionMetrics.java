package news.ticker.timeline.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counters of the projection ({@code /q/metrics}). */
@ApplicationScoped
public class ProjectionMetrics {

  @Inject MeterRegistry registry;

  public void applied(long events) {
    if (events > 0) {
      Counter.builder("ticker.timeline.events.applied")
          .description("Story events applied to the read model")
          .register(registry)
          .increment(events);
    }
  }

  /**
   * A poll's story records: how many the batch applied in one transaction, and how many it left for
   * the per-event path.
   */
  public void batch(long batched, long perEvent) {
    Counter.builder("ticker.timeline.projection.records")
        .description("Story records by the path that projected them")
        .tag("path", "batch")
        .register(registry)
        .increment(batched);
    Counter.builder("ticker.timeline.projection.records")
        .description("Story records by the path that projected them")
        .tag("path", "per-event")
        .register(registry)
        .increment(perEvent);
  }

  public void duplicate() {
    Counter.builder("ticker.timeline.events.duplicate")
        .description("Redelivered or replayed story events that changed nothing")
        .register(registry)
        .increment();
  }

  public void deadLettered(String topic, String reason) {
    Counter.builder("ticker.timeline.dead.letters")
        .description("Poison records sent to the dead-letter topic")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
