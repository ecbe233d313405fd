package news.ticker.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaBenchTest {

  @Test
  void theRelayLikeProducerWaitsForAllReplicasAndIsIdempotent() {
    Properties p = KafkaBench.relayLikeProperties("localhost:9092", "test");
    assertThat(p.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
    assertThat(p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo(true);
    assertThat(p.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isEqualTo(5);
    assertThat(p.get(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo(1);
  }

  @Test
  void slotsFollowTheScheduleFromTheIndexWithoutDrift() {
    long start = 1_000_000L;
    assertThat(KafkaBench.intendedNanos(start, 100, 0)).isEqualTo(start);
    assertThat(KafkaBench.intendedNanos(start, 100, 1)).isEqualTo(start + 10_000_000L);
    // 1/3 s does not add up in whole nanoseconds; the slot of index 3 is still exactly 1 s on
    assertThat(KafkaBench.intendedNanos(start, 3, 3)).isEqualTo(start + 1_000_000_000L);
    assertThat(KafkaBench.intendedNanos(start, 3, 300_000)).isEqualTo(start + 100_000_000_000_000L);
  }
}
