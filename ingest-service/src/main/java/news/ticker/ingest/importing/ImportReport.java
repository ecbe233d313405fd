package news.ticker.ingest.importing;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of a bulk import.
 *
 * @param accepted lines posted as new updates
 * @param alreadyPresent valid lines whose update the story already had (imported before)
 * @param rejected invalid lines, which changed nothing
 * @param version the story's version after the import
 */
@Schema(description = "What a bulk import did")
public record ImportReport(
    @Schema(description = "Lines posted as new updates", example = "2") int accepted,
    @Schema(description = "Valid lines the story already had (imported before)", example = "1")
        int alreadyPresent,
    @Schema(description = "Invalid lines, with line number (from 1) and reason")
        List<RejectedLine> rejected,
    @Schema(description = "The story's version after the import", example = "14") long version) {

  public record RejectedLine(
      @Schema(example = "3") int line,
      @Schema(example = "publishedAt: must be an RFC 3339 date-time with offset") String reason) {}
}
