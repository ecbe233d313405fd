package news.ticker.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PatchTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aFieldSentIsSetToWhatItsCheckGivesAndAFieldNotSentIsKeptUnchecked() throws Exception {
    JsonNode fields = mapper.readTree("{\"title\": \" Nieuw \", \"summary\": null}");
    AtomicInteger checked = new AtomicInteger();

    Patch<String> title = Patch.ifSent(fields, "title", () -> "Nieuw");
    Patch<String> summary = Patch.ifSent(fields, "summary", () -> null);
    Patch<String> section =
        Patch.ifSent(
            fields,
            "section",
            () -> {
              checked.incrementAndGet();
              return "Politiek";
            });

    assertThat(title).isEqualTo(Patch.set("Nieuw"));
    assertThat(summary.present()).isTrue();
    assertThat(summary.applyTo("oud")).isNull();
    assertThat(section).isEqualTo(Patch.keep());
    assertThat(section.applyTo("Economie")).isEqualTo("Economie");
    assertThat(checked).hasValue(0);
  }
}
