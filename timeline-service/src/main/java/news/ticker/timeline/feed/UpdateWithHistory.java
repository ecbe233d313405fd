package news.ticker.timeline.feed;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** One update with its public revision history, oldest first. */
public record UpdateWithHistory(@JsonUnwrapped PublicUpdate update, List<Revision> revisions) {}
