package news.ticker.timeline.feed;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One update with its public revision history, oldest first. */
@Schema(description = "An update with its public revision history, oldest first")
public record UpdateWithHistory(@JsonUnwrapped PublicUpdate update, List<Revision> revisions) {}
