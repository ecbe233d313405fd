package news.ticker.ingest.analysis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import news.ticker.events.AnalysisEvent;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventCodec;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ticker.analysis-events} (group {@code ingest-analysis}), one record at a time, in
 * partition order. A record that fails for good (does not decode, names an unknown story) is nacked
 * and goes to {@code ticker.ingest.dead-letter} with the reason in its headers, so one bad record
 * never stops the others. Offsets are committed only after processing (throttled).
 */
@ApplicationScoped
public class AnalysisEventsConsumer {

  private final EventCodec codec = new EventCodec();

  @Inject AnalysisAttachments attachments;

  @Incoming("analysis-events")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return Uni.createFrom()
        .deferred(
            () -> {
              EventEnvelope envelope =
                  CloudEventHeaders.read(name -> lastHeader(record, name), record.value(), codec);
              if (!(envelope.data() instanceof AnalysisEvent event)) {
                throw new EventDecodingException(
                    EventDecodingException.Reason.UNKNOWN_TYPE,
                    envelope.type().ceType() + " is not an analysis event");
              }
              return attachments.apply(event, envelope.streamVersion());
            });
  }

  private static String lastHeader(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
