package news.ticker.timeline.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.zip.CRC32;
import news.ticker.timeline.Json;
import news.ticker.timeline.TimelineConfig;

/**
 * Public reads with HTTP caching: a strong {@code ETag} that differs between representations and
 * parameter sets; {@code If-None-Match} answers 304; {@code Cache-Control} suits a CDN; {@code
 * Vary: Accept} because one URL serves JSON and JSON-LD. Current reads tag by the story's {@link
 * news.ticker.timeline.readcache.Validator} (generation, version, representation stamp, and for the
 * header whether the story is degraded), so a 304 costs no rendering, and from memory no query;
 * past states and the story list tag by a hash of the rendered body.
 */
@ApplicationScoped
public class CachedResponses {

  @Inject TimelineConfig config;

  /**
   * A read whose ETag is only known from its body (past states, the story list): the body is
   * rendered, hashed, and then sent or answered with 304.
   */
  public Response ok(
      Object body, String mediaType, long version, String variant, HttpHeaders request) {
    byte[] bytes = Json.bytes(body);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String etag = "\"" + version + "-" + variant + "-" + Long.toHexString(crc.getValue()) + "\"";
    if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
      return notModified(etag);
    }
    return cached(Response.ok(bytes, mediaType), etag);
  }

  /** Whether the client already holds the representation tagged {@code etag}. */
  public static boolean holds(HttpHeaders request, String etag) {
    return matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag);
  }

  /** 304 for a client that holds the representation tagged {@code etag}. */
  public Response notModified(String etag) {
    return cached(Response.notModified(), etag);
  }

  /** A current read, rendered, with the tag of the validator it was rendered under. */
  public Response ok(byte[] body, String mediaType, String etag) {
    return cached(Response.ok(body, mediaType), etag);
  }

  private Response cached(Response.ResponseBuilder response, String etag) {
    return response
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.CACHE_CONTROL, config.http().cacheControl())
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .build();
  }

  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2); // weak comparison, as RFC 9110 prescribes for If-None-Match
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
