package news.ticker.ingest.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An article that stories can link to ("READ: …"). */
@Schema(description = "An article to publish")
public record PublishArticleRequest(
    @Schema(required = true, maxLength = 300, example = "Wat de uitslag betekent voor Den Haag")
        String headline,
    @Schema(
            required = true,
            description = "Absolute http(s) URL",
            example = "https://nos.nl/artikel/2563001")
        String url,
    @Schema(example = "De nieuwe coalitie wil meer autonomie.") String standfirst,
    @Schema(example = "Koninkrijksrelaties") String section,
    @Schema(description = "RFC 3339; default now", example = "2025-03-20T09:00:00+01:00")
        String publishedAt) {}
