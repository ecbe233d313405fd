package news.ticker.timeline.feed;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feed page: {@code {"items": [...], "next": cursor or null}}. */
@Schema(description = "A feed page, newest first")
public record FeedPage(
    List<PublicUpdate> items,
    @Schema(nullable = true, description = "The before cursor of the next page, or null at the end")
        String next) {}
