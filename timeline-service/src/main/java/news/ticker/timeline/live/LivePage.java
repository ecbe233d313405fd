package news.ticker.timeline.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import news.ticker.timeline.feed.FeedPage;
import news.ticker.timeline.story.StoryHeader;

/**
 * What the live page shows when it is served: the header and the first feed page, read from one
 * snapshot of the read model so that both are the story at {@code header.version()} exactly (the
 * page's stream resumes after that version), and the story's {@code LiveBlogPosting}.
 */
public record LivePage(StoryHeader header, FeedPage feed, ObjectNode jsonLd) {}
