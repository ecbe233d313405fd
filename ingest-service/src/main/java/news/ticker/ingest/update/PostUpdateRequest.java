package news.ticker.ingest.update;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new update of a live story. */
@Schema(description = "An update to post")
public record PostUpdateRequest(
    @Schema(
            required = true,
            description =
                "HTML, sanitised by an allow-list (paragraphs, safe links, emphasis, lists, quotes,"
                    + " headings, images with alt text, embeds as figure data-embed); at most 256"
                    + " KiB",
            example = "<p>De eerste uitslagen zijn binnen: <strong>MFK</strong> ligt voor.</p>")
        String body,
    @Schema(maxLength = 300, example = "MFK ligt voor") String headline,
    @Schema(maxItems = 20, example = "[\"Ellen de Vries\"]") List<String> authors,
    @Schema(description = "Mark as a key event; default false") Boolean keyEvent,
    @Schema(description = "Pin on top of the feed, unpinning the pinned one; default false")
        Boolean pinned,
    @Schema(
            description = "RFC 3339; default now; may be in the past",
            example = "2025-03-19T21:14:00-04:00")
        String publishedAt)
    implements NewUpdateFields {}
