package news.ticker.timeline.feed;

import java.util.List;

/** A feed page: {@code {"items": [...], "next": cursor or null}}. */
public record FeedPage(List<PublicUpdate> items, String next) {}
