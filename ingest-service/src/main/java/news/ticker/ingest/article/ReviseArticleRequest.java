package news.ticker.ingest.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Changes an article: fields not sent keep their value; null clears standfirst or section. */
@Schema(
    description =
        "The fields to change; fields not sent keep their value, null clears standfirst or"
            + " section")
public record ReviseArticleRequest(
    @Schema(maxLength = 300) String headline,
    @Schema(description = "Absolute http(s) URL") String url,
    String standfirst,
    String section,
    @Schema(description = "RFC 3339") String publishedAt) {}
