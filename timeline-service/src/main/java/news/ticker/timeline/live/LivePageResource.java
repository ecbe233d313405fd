package news.ticker.timeline.live;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import news.ticker.platform.problem.ProblemException;
import news.ticker.timeline.TimelineConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /live/{slug}}: the reference live page of a story, a thin adapter over {@link
 * LivePageReader} and {@link LivePageRenderer}. The page carries its own strict {@code
 * Content-Security-Policy} (scripts, styles and connections from this origin only; the platform's
 * edge keeps a response's own policy), which the JSON-LD data block satisfies: it is not a script
 * that runs.
 *
 * <p>An HTML page for readers, not an operation of the JSON API, so it stays out of {@code
 * /q/openapi} (and out of the clients generated from it); timeline-service/README.md describes it.
 * An unknown slug is a 404 page, or the {@code not-found} problem for a client that asks for JSON.
 */
@Path("/live")
public class LivePageResource {

  /** Slugs as ingest makes them: lowercase letters, digits and single hyphens. */
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  private static final int MAX_SLUG = 200;

  static final String HTML = "text/html;charset=UTF-8";

  @Inject LivePageReader pages;
  @Inject LivePageConfig config;
  @Inject TimelineConfig timeline;

  @GET
  @Path("{slug}")
  @Operation(hidden = true)
  public Uni<Response> page(@PathParam("slug") String slug, @Context HttpHeaders headers) {
    if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
      return Uni.createFrom().item(() -> notFound(slug, headers));
    }
    return pages
        .read(slug)
        .map(
            page ->
                page.map(
                        found ->
                            html(Response.ok(LivePageRenderer.render(found)))
                                .header("Cache-Control", timeline.http().cacheControl())
                                .build())
                    .orElseGet(() -> notFound(slug, headers)));
  }

  private Response notFound(String slug, HttpHeaders headers) {
    if (wantsJson(headers)) {
      throw ProblemException.notFound("live page", slug);
    }
    return html(Response.status(404).entity(LivePageRenderer.notFound(null))).build();
  }

  private Response.ResponseBuilder html(Response.ResponseBuilder response) {
    return response
        .type(HTML)
        .header("Content-Security-Policy", config.contentSecurityPolicy())
        .header("Vary", "Accept");
  }

  /** Whether the client ranks JSON (or problem+json) above HTML. */
  static boolean wantsJson(HttpHeaders headers) {
    for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
      if (acceptable.isWildcardType() || acceptable.isCompatible(MediaType.TEXT_HTML_TYPE)) {
        return false;
      }
      String subtype = acceptable.getSubtype();
      if (subtype.equals("json") || subtype.endsWith("+json")) {
        return true;
      }
    }
    return false;
  }
}
