package news.ticker.ingest.importing;

import java.util.List;
import news.ticker.ingest.update.NewUpdateFields;

/** One line of a bulk import, as the source system sends it. */
public record ImportLine(
    String sourceId,
    String body,
    String headline,
    List<String> authors,
    String publishedAt,
    Boolean keyEvent,
    Boolean pinned)
    implements NewUpdateFields {}
