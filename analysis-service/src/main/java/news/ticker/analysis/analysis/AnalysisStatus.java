package news.ticker.analysis.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an analysis is in its life: written, readable by the public, or taken down again. */
public enum AnalysisStatus {
  /** Not published yet; visible to analysts and editors only. */
  DRAFT,
  /** Public, and announced on {@code ticker.analysis-events}. */
  PUBLISHED,
  /** Was published, then withdrawn; visible to analysts and editors only. */
  WITHDRAWN;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
